import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { invalidPolicy } from './invalid-policy.js';

const read = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };

describe('INVALID_POLICY', () => {
  runCheckCases(invalidPolicy, {
    valid: [
      { id: 'a well-formed policy', policy: policy(read) },
      { id: 'Statement as a single object', policy: { Version: '2012-10-17', Statement: read } },
      {
        id: 'Action and Resource as strings or lists',
        policy: policy(read, { ...read, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] }),
      },
      { id: 'no Version is MISSING_VERSION, not this', policy: { Statement: [read] } },
      {
        id: 'old version 2008-10-17 is MISSING_VERSION, not this',
        policy: { Version: '2008-10-17', Statement: [read] },
      },
      {
        id: 'Deny with NotAction and NotResource',
        policy: policy({ Effect: 'Deny', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::b/*' }),
      },
      {
        id: 'a Sid and an Id',
        policy: { Version: '2012-10-17', Id: 'app', Statement: [{ Sid: 'Read1', ...read }] },
      },
      {
        id: 'unknown action is UNKNOWN_ACTION, not this',
        policy: policy({ ...read, Action: 's3:GetObjct' }),
      },
    ],
    invalid: [
      {
        id: 'Effect is case-sensitive ("allow")',
        policy: policy({ ...read, Effect: 'allow' }),
        findings: [{ statement: 0 }],
      },
      {
        id: 'the broken statement is named by index',
        policy: policy(read, { ...read, Effect: 'Permit' }),
        findings: [{ statement: 1 }],
      },
      {
        id: 'missing Effect',
        policy: policy({ Action: 's3:GetObject', Resource: '*' }),
        findings: [{ statement: 0 }],
      },
      {
        id: 'both Action and NotAction',
        policy: policy({ ...read, NotAction: 's3:PutObject' }),
        findings: [{ statement: 0 }],
      },
      {
        id: 'bad Version is about the document',
        policy: { Version: '2012-10-18', Statement: [read] },
        findings: [{ statement: null }],
      },
      {
        id: 'Version as a number',
        policy: { Version: 2012, Statement: [read] },
        findings: [{ statement: null }],
      },
      {
        id: 'an empty Statement list',
        policy: { Version: '2012-10-17', Statement: [] },
        findings: [{ statement: null }],
      },
      {
        id: 'every problem, each with its statement',
        policy: policy({ ...read, Effect: 'allow' }, read, { ...read, Action: 42 }),
        findings: [{ statement: 0 }, { statement: 2 }],
      },
    ],
  });

  it('quotes the input and says what was expected', () => {
    const [f] = findingsOf(invalidPolicy, policy({ Sid: 'Read', ...read, Effect: 'allow' }));
    expect(f).toMatchObject({
      severity: 'error',
      statement: 0,
      loc: { file: 'policy.json', pointer: '/Statement/0/Effect' },
    });
    expect(f?.message).toMatchInlineSnapshot(
      `"expected "Allow" or "Deny", got "allow" (Effect is case-sensitive)"`,
    );
  });
});
