import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { unknownService } from './unknown-service.js';

const allow = (Action: string | string[], Resource: string | string[] = '*') => ({
  Effect: 'Allow',
  Action,
  Resource,
});
const replace = (from: string, to: string) => ({ replaceAction: { from, to } });

describe('UNKNOWN_SERVICE', () => {
  runCheckCases(unknownService, {
    valid: [
      {
        id: 'known prefixes',
        policy: policy(allow(['s3:GetObject', 'sts:GetCallerIdentity', 'execute-api:Invoke'])),
      },
      {
        id: 'prefixes are case-insensitive',
        policy: policy(allow(['S3:GetObject', 'SecretsManager:GetSecretValue'])),
      },
      { id: 'Action *', policy: policy(allow('*')) },
      { id: 'Action *:*', policy: policy(allow('*:*')) },
      { id: 'wildcard in the service part', policy: policy(allow(['*:Get*', 's?:GetObject'])) },
      {
        id: 'a known service with an unknown action is UNKNOWN_ACTION, not this',
        policy: policy(allow('s3:GetObjct')),
      },
      { id: 'no colon at all is UNKNOWN_ACTION, not this', policy: policy(allow('GetObject')) },
    ],
    invalid: [
      {
        id: 's4: means s3:',
        policy: policy(allow('s4:GetObject')),
        findings: [{ statement: 0, action: 's4:GetObject', fix: replace('s4:GetObject', 's3:GetObject') }],
      },
      {
        id: 'a service wildcard on an unknown prefix',
        policy: policy(allow('s4:*')),
        findings: [{ statement: 0, action: 's4:*', fix: replace('s4:*', 's3:*') }],
      },
      {
        id: 'doubled letter',
        policy: policy(allow('dynamodbb:GetItem')),
        findings: [
          {
            statement: 0,
            action: 'dynamodbb:GetItem',
            fix: replace('dynamodbb:GetItem', 'dynamodb:GetItem'),
          },
        ],
      },
      {
        id: 'the console name instead of the prefix',
        policy: policy(allow('secretmanager:GetSecretValue')),
        findings: [
          {
            statement: 0,
            action: 'secretmanager:GetSecretValue',
            fix: replace('secretmanager:GetSecretValue', 'secretsmanager:GetSecretValue'),
          },
        ],
      },
      {
        id: 'nothing close: no fix',
        policy: policy(allow('xyzzy:Frobnicate')),
        findings: [{ statement: 0, action: 'xyzzy:Frobnicate', fix: undefined }],
      },
      {
        id: 'in a Deny and in NotAction',
        policy: policy(
          { Effect: 'Deny', Action: 's4:DeleteObject', Resource: '*' },
          { Effect: 'Deny', NotAction: 'iamm:*', Resource: '*' },
        ),
        findings: [
          { statement: 0, action: 's4:DeleteObject', fix: replace('s4:DeleteObject', 's3:DeleteObject') },
          { statement: 1, action: 'iamm:*', fix: replace('iamm:*', 'iam:*') },
        ],
      },
    ],
  });

  it('suggests the closest prefix', () => {
    const [f] = findingsOf(unknownService, policy({ Sid: 'Read', ...allow('s4:GetObject') }));
    expect(f).toMatchObject({ severity: 'error', sid: 'Read', action: 's4:GetObject' });
    expect(f?.message).toMatchInlineSnapshot(
      `""s4" is not a service prefix in the service reference (0.21.202609261): a typo, or a retired or undocumented service, so it grants nothing; did you mean "s3:GetObject"?"`,
    );
  });
});
