import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { allowNotResource } from './allow-not-resource.js';

describe('ALLOW_NOT_RESOURCE', () => {
  runCheckCases(allowNotResource, {
    valid: [
      {
        id: 'Deny with NotResource',
        policy: policy({
          Effect: 'Deny',
          Action: 's3:*',
          NotResource: ['arn:aws:s3:::app', 'arn:aws:s3:::app/*'],
        }),
      },
      {
        id: 'Allow with Resource',
        policy: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app/*' }),
      },
      {
        id: 'Allow with Resource *',
        policy: policy({ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }),
      },
      {
        id: 'Allow with NotAction is ALLOW_NOT_ACTION, not this',
        policy: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }),
      },
      {
        id: 'Deny NotResource with a condition',
        policy: policy({
          Effect: 'Deny',
          Action: 's3:PutObject',
          NotResource: 'arn:aws:s3:::app/uploads/*',
          Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'ops' } },
        }),
      },
    ],
    invalid: [
      {
        id: 'Allow NotResource',
        policy: policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }),
        findings: [{ statement: 0, resource: 'arn:aws:s3:::secret/*' }],
      },
      {
        id: 'reports the first NotResource entry',
        policy: policy({
          Effect: 'Allow',
          Action: 's3:*',
          NotResource: ['arn:aws:s3:::secret', 'arn:aws:s3:::secret/*'],
        }),
        findings: [{ statement: 0, resource: 'arn:aws:s3:::secret' }],
      },
      {
        id: 'NotResource * (grants nothing but is still Allow+NotResource)',
        policy: policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: '*' }),
        findings: [{ statement: 0, resource: '*' }],
      },
      {
        id: 'a condition does not make it safe',
        policy: policy({
          Effect: 'Allow',
          Action: 'secretsmanager:GetSecretValue',
          NotResource: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/*',
          Condition: { StringEquals: { 'aws:ResourceTag/app': 'web' } },
        }),
        findings: [{ statement: 0, resource: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/*' }],
      },
      {
        id: 'with NotAction too',
        policy: policy({ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::secret/*' }),
        findings: [{ statement: 0, resource: 'arn:aws:s3:::secret/*' }],
      },
      {
        id: 'only the Allow of a Deny/Allow pair',
        policy: policy(
          { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::app/*' },
          { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' },
        ),
        findings: [{ statement: 1, resource: 'arn:aws:s3:::secret/*' }],
      },
    ],
  });

  it('lists what is excepted', () => {
    const [f] = findingsOf(
      allowNotResource,
      policy({
        Sid: 'AllButSecret',
        Effect: 'Allow',
        Action: 's3:GetObject',
        NotResource: 'arn:aws:s3:::secret/*',
      }),
    );
    expect(f).toMatchObject({ severity: 'security', sid: 'AllButSecret', resource: 'arn:aws:s3:::secret/*' });
    expect(f?.message).toMatchInlineSnapshot(
      `"Allow with NotResource grants the actions on every resource except arn:aws:s3:::secret/*; name the allowed resources with Resource instead."`,
    );
  });
});
