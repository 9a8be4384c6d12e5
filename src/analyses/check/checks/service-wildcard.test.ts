import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { serviceWildcard } from './service-wildcard.js';

const B = 'arn:aws:s3:::my-app-data-bucket';
const allow = (Action: string | string[], Resource: string | string[] = '*') => ({
  Effect: 'Allow',
  Action,
  Resource,
});

describe('SERVICE_WILDCARD', () => {
  runCheckCases(serviceWildcard, {
    valid: [
      { id: 'named actions', policy: policy(allow(['s3:GetObject', 's3:PutObject'], `${B}/*`)) },
      { id: 'partial wildcard s3:Get*', policy: policy(allow('s3:Get*', `${B}/*`)) },
      { id: 'suffix wildcard s3:*Object', policy: policy(allow('s3:*Object', `${B}/*`)) },
      { id: 'Deny s3:*', policy: policy({ Effect: 'Deny', Action: 's3:*', Resource: '*' }) },
      {
        id: 'NotAction s3:* is ALLOW_NOT_ACTION, not this',
        policy: policy({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }),
      },
      { id: 'Action * is FULL_WILDCARD, not this', policy: policy(allow('*')) },
      { id: 'unknown service s4:* is UNKNOWN_SERVICE, not this', policy: policy(allow('s4:*')) },
      { id: 'wildcard in the service part (*:Get*)', policy: policy(allow('*:Get*')) },
    ],
    invalid: [
      {
        id: 'seed broad policy s3:* on *',
        policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: '*' }] },
        findings: [{ statement: 0, action: 's3:*' }],
      },
      {
        id: 'on a named bucket still every S3 action',
        policy: policy(allow('s3:*', [B, `${B}/*`])),
        findings: [{ statement: 0, action: 's3:*' }],
      },
      {
        id: 'prefix is case-insensitive',
        policy: policy(allow('S3:*')),
        findings: [{ statement: 0, action: 'S3:*' }],
      },
      {
        id: 'doubled star',
        policy: policy(allow('dynamodb:**')),
        findings: [{ statement: 0, action: 'dynamodb:**' }],
      },
      {
        id: 'one finding per entry',
        policy: policy(allow(['s3:*', 'sqs:SendMessage', 'dynamodb:*'])),
        findings: [
          { statement: 0, action: 's3:*' },
          { statement: 0, action: 'dynamodb:*' },
        ],
      },
      {
        id: 'reported in the statement that has it',
        policy: policy(allow('s3:GetObject', `${B}/*`), allow('kms:*')),
        findings: [{ statement: 1, action: 'kms:*' }],
      },
      {
        id: 'a condition does not narrow the actions',
        policy: policy({
          ...allow('s3:*', `${B}/*`),
          Condition: { StringEquals: { 'aws:PrincipalTag/team': 'web' } },
        }),
        findings: [{ statement: 0, action: 's3:*' }],
      },
    ],
  });

  it('names the service and the access levels it opens', () => {
    const [f] = findingsOf(serviceWildcard, policy({ Sid: 'Data', ...allow('s3:*') }));
    expect(f).toMatchObject({ severity: 'security', sid: 'Data', action: 's3:*' });
    expect(f?.message).toMatchInlineSnapshot(
      `""s3:*" allows all 180 Amazon S3 actions, Write and Permissions management included; list only the actions the application calls."`,
    );
  });
});
