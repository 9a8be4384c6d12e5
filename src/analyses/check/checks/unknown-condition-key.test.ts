import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { unknownConditionKey } from './unknown-condition-key.js';

const B = 'arn:aws:s3:::my-app-data-bucket';
const when = (Action: string | string[], Resource: string, Condition: object) => ({
  Effect: 'Allow',
  Action,
  Resource,
  Condition,
});

describe('UNKNOWN_CONDITION_KEY', () => {
  runCheckCases(unknownConditionKey, {
    valid: [
      {
        id: 'global tag keys with any tag name',
        policy: policy(
          when('s3:GetObject', `${B}/*`, {
            StringEquals: { 'aws:ResourceTag/team': 'web', 'aws:PrincipalTag/x': 'y' },
          }),
        ),
      },
      { id: 's3:prefix', policy: policy(when('s3:ListBucket', B, { StringLike: { 's3:prefix': 'home/' } })) },
      {
        id: 's3:ExistingObjectTag/<key>',
        policy: policy(
          when('s3:GetObject', `${B}/*`, { StringEquals: { 's3:ExistingObjectTag/env': 'prod' } }),
        ),
      },
      {
        id: 'KMS encryption context with a colon in the context key',
        policy: policy(
          when('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', {
            StringEquals: { 'kms:EncryptionContext:aws:s3:arn': `${B}/*` },
          }),
        ),
      },
      {
        id: 'iam:PassedToService',
        policy: policy(
          when('iam:PassRole', 'arn:aws:iam::111122223333:role/app', {
            StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
          }),
        ),
      },
      {
        id: 'keys are case-insensitive',
        policy: policy(when('s3:GetObject', `${B}/*`, { IpAddress: { 'AWS:SOURCEIP': '203.0.113.0/24' } })),
      },
      {
        id: 'service tag keys',
        policy: policy(when('ec2:StartInstances', '*', { StringEquals: { 'ec2:ResourceTag/Name': 'web' } })),
      },
      {
        id: "an identity provider's keys cannot be judged",
        policy: policy(
          when('sts:AssumeRoleWithWebIdentity', '*', {
            StringEquals: { 'accounts.google.com:aud': 'app.apps.googleusercontent.com' },
          }),
        ),
      },
      {
        id: 'Null on a global key',
        policy: policy(when('s3:PutObject', `${B}/*`, { Null: { 'aws:RequestTag/team': 'false' } })),
      },
    ],
    invalid: [
      {
        id: 's3:prefixx',
        policy: policy(when('s3:ListBucket', B, { StringLike: { 's3:prefixx': 'home/' } })),
        findings: [{ statement: 0 }],
      },
      {
        id: 'aws:SourceIpp',
        policy: policy(when('s3:GetObject', `${B}/*`, { IpAddress: { 'aws:SourceIpp': '203.0.113.0/24' } })),
        findings: [{ statement: 0 }],
      },
      {
        id: 'Principle for Principal',
        policy: policy(when('s3:GetObject', `${B}/*`, { StringEquals: { 'aws:PrincipleTag/team': 'web' } })),
        findings: [{ statement: 0 }],
      },
      {
        id: 'no prefix at all',
        policy: policy(when('s3:GetObject', `${B}/*`, { Bool: { SecureTransport: 'true' } })),
        findings: [{ statement: 0 }],
      },
      {
        id: 'a key of a service that does not exist',
        policy: policy(when('s3:GetObject', `${B}/*`, { StringEquals: { 's4:prefix': 'home/' } })),
        findings: [{ statement: 0 }],
      },
      {
        id: 'in a Deny, where a negated operator then always matches',
        policy: policy({
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:PrincipalOrgId2': 'o-abc' } },
        }),
        findings: [{ statement: 0 }],
      },
      {
        id: 'each unknown key, in its statement',
        policy: policy(
          when('s3:ListBucket', B, { StringLike: { 's3:prefix': 'home/' } }),
          when('s3:ListBucket', B, {
            StringLike: { 's3:prefixx': 'home/' },
            StringEquals: { 's3:delimeter': '/' },
          }),
        ),
        findings: [{ statement: 1 }, { statement: 1 }],
      },
    ],
  });

  it('suggests the closest key of the statement’s services', () => {
    const [f] = findingsOf(
      unknownConditionKey,
      policy({ Sid: 'Home', ...when('s3:ListBucket', B, { StringLike: { 's3:prefixx': 'home/' } }) }),
    );
    expect(f).toMatchObject({ severity: 'warning', sid: 'Home', statement: 0 });
    expect(f?.message).toMatchInlineSnapshot(
      `""s3:prefixx" is not a known condition key: an absent key never matches StringLike; did you mean "s3:prefix"?"`,
    );
  });
});
