import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { fullWildcard } from './full-wildcard.js';

const B = 'arn:aws:s3:::my-app-data-bucket';
const allow = (Action: string | string[], Resource: string | string[] = '*') => ({
  Effect: 'Allow',
  Action,
  Resource,
});

describe('FULL_WILDCARD', () => {
  runCheckCases(fullWildcard, {
    valid: [
      { id: 'named action', policy: policy(allow('s3:GetObject', `${B}/*`)) },
      { id: 'whole-service wildcard is SERVICE_WILDCARD, not this', policy: policy(allow('s3:*')) },
      { id: 'every service but one verb family (*:Get*)', policy: policy(allow('*:Get*')) },
      { id: 'Deny *', policy: policy({ Effect: 'Deny', Action: '*', Resource: '*' }) },
      {
        id: 'Allow NotAction * grants nothing (ALLOW_NOT_ACTION judges NotAction)',
        policy: policy({ Effect: 'Allow', NotAction: '*', Resource: '*' }),
      },
      {
        id: 'partial wildcard of one service',
        policy: policy(allow(['s3:Get*', 's3:List*'], [B, `${B}/*`])),
      },
      { id: 'Resource * alone is RESOURCE_WILDCARD, not this', policy: policy(allow('s3:ListAllMyBuckets')) },
    ],
    invalid: [
      { id: 'Action *', policy: policy(allow('*')), findings: [{ statement: 0, action: '*' }] },
      { id: 'Action *:*', policy: policy(allow('*:*')), findings: [{ statement: 0, action: '*:*' }] },
      {
        id: '* hidden in a list',
        policy: policy(allow(['s3:GetObject', '*'])),
        findings: [{ statement: 0, action: '*' }],
      },
      {
        id: 'on named resources still every action',
        policy: policy(allow('*', `${B}/*`)),
        findings: [{ statement: 0, action: '*' }],
      },
      {
        id: 'a condition does not narrow the actions',
        policy: policy({ ...allow('*'), Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
        findings: [{ statement: 0, action: '*' }],
      },
      {
        id: 'reported in the statement that has it',
        policy: policy(allow('s3:GetObject', `${B}/*`), allow('*:*')),
        findings: [{ statement: 1, action: '*:*' }],
      },
    ],
  });

  it('names the entry and says what it allows', () => {
    const [f] = findingsOf(fullWildcard, policy({ Sid: 'Admin', ...allow('*') }));
    expect(f).toMatchObject({ severity: 'security', sid: 'Admin', action: '*' });
    expect(f?.message).toMatchInlineSnapshot(
      `""*" allows every action of every AWS service; list only the actions the application calls."`,
    );
  });
});
