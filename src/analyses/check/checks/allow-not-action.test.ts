import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { allowNotAction } from './allow-not-action.js';

describe('ALLOW_NOT_ACTION', () => {
  runCheckCases(allowNotAction, {
    valid: [
      {
        id: 'Deny with NotAction (the usual guard-rail)',
        policy: policy({ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' }),
      },
      {
        id: 'Deny NotAction outside approved regions',
        policy: policy({
          Effect: 'Deny',
          NotAction: ['iam:*', 'sts:*', 'cloudfront:*'],
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
        }),
      },
      {
        id: 'Allow with Action',
        policy: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }),
      },
      {
        id: 'Allow with NotResource is ALLOW_NOT_RESOURCE, not this',
        policy: policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::b/*' }),
      },
      {
        id: 'Allow * is FULL_WILDCARD, not this',
        policy: policy({ Effect: 'Allow', Action: '*', Resource: '*' }),
      },
    ],
    invalid: [
      {
        id: 'Allow NotAction on *',
        policy: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }),
        findings: [{ statement: 0 }],
      },
      {
        id: 'Allow NotAction with a list',
        policy: policy({
          Effect: 'Allow',
          NotAction: ['iam:*', 'organizations:*', 'account:*'],
          Resource: '*',
        }),
        findings: [{ statement: 0 }],
      },
      {
        id: 'named resources do not make it safe',
        policy: policy({ Effect: 'Allow', NotAction: 's3:DeleteObject', Resource: 'arn:aws:s3:::b/*' }),
        findings: [{ statement: 0 }],
      },
      {
        id: 'a condition does not make it safe',
        policy: policy({
          Effect: 'Allow',
          NotAction: 'iam:*',
          Resource: '*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        }),
        findings: [{ statement: 0 }],
      },
      {
        id: 'with NotResource too',
        policy: policy({ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::secret/*' }),
        findings: [{ statement: 0 }],
      },
      {
        id: 'only the Allow of a Deny/Allow pair',
        policy: policy(
          { Effect: 'Deny', NotAction: 's3:*', Resource: '*' },
          { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
        ),
        findings: [{ statement: 1 }],
      },
    ],
  });

  it('lists what is excepted', () => {
    const [f] = findingsOf(
      allowNotAction,
      policy({ Sid: 'AllButIam', Effect: 'Allow', NotAction: ['iam:*', 'sts:*'], Resource: '*' }),
    );
    expect(f).toMatchObject({ severity: 'security', sid: 'AllButIam' });
    expect(f?.message).toMatchInlineSnapshot(
      `"Allow with NotAction grants every action except iam:*, sts:*, including future ones; list the allowed actions with Action instead."`,
    );
  });
});
