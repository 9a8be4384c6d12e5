import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { resourceWildcard } from './resource-wildcard.js';

const B = 'arn:aws:s3:::my-app-data-bucket';
const allow = (Action: string | string[], Resource: string | string[] = '*') => ({
  Effect: 'Allow',
  Action,
  Resource,
});

// All four have no resource type in the catalogue: only "*" can grant them.
const WILDCARD_ONLY = [
  'ecr:GetAuthorizationToken',
  's3:ListAllMyBuckets',
  'sts:GetCallerIdentity',
  'logs:DescribeLogGroups',
];

describe('RESOURCE_WILDCARD', () => {
  runCheckCases(resourceWildcard, {
    valid: [
      { id: 'wildcard-only actions on *', policy: policy(allow(WILDCARD_ONLY)) },
      {
        id: 'wildcard-only actions on * as a one-element list',
        policy: policy(allow(['ecr:GetAuthorizationToken'], ['*'])),
      },
      {
        id: 'more wildcard-only List actions on *',
        policy: policy(allow(['ecs:ListClusters', 'sqs:ListQueues', 'dynamodb:ListTables'])),
      },
      { id: 'named resources', policy: policy(allow(['s3:GetObject', 's3:ListBucket'], [B, `${B}/*`])) },
      { id: 'Deny on *', policy: policy({ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }) },
      {
        id: 'NotResource is ALLOW_NOT_RESOURCE, not this',
        policy: policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: `${B}/*` }),
      },
      {
        id: 'NotAction is ALLOW_NOT_ACTION, not this',
        policy: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }),
      },
      {
        id: 'an all-wildcard ARN is BROAD_RESOURCE_PATTERN, not this',
        policy: policy(allow('s3:GetObject', 'arn:aws:s3:::*/*')),
      },
      { id: 'unknown action on * (nothing to scope)', policy: policy(allow('s3:GetObjct')) },
    ],
    invalid: [
      {
        id: 'seed broad policy s3:* on *',
        policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: '*' }] },
        findings: [{ statement: 0, resource: '*' }],
      },
      {
        id: 'one scopable action',
        policy: policy(allow('s3:GetObject')),
        findings: [{ statement: 0, action: 's3:GetObject', resource: '*' }],
      },
      {
        id: 'wildcard-only actions do not excuse the scopable one next to them',
        policy: policy(allow(['ecr:GetAuthorizationToken', 'ecr:BatchGetImage'])),
        findings: [{ statement: 0, action: 'ecr:BatchGetImage', resource: '*' }],
      },
      {
        id: '* next to named ARNs still grants everything',
        policy: policy(allow('s3:GetObject', [`${B}/*`, '*'])),
        findings: [{ statement: 0, action: 's3:GetObject', resource: '*' }],
      },
      {
        id: 'a condition narrows, but not by name',
        policy: policy({
          ...allow('secretsmanager:GetSecretValue'),
          Condition: { StringEquals: { 'aws:ResourceTag/app': 'web' } },
        }),
        findings: [{ statement: 0, action: 'secretsmanager:GetSecretValue', resource: '*' }],
      },
      {
        id: 'reported per statement',
        policy: policy(
          allow('sts:GetCallerIdentity'),
          allow('sqs:SendMessage'),
          allow(['kms:Decrypt', 'kms:Encrypt']),
        ),
        findings: [
          { statement: 1, action: 'sqs:SendMessage', resource: '*' },
          { statement: 2, resource: '*' },
        ],
      },
      {
        id: 'a pattern with some scopable actions',
        policy: policy(allow('ecr:Get*')),
        findings: [{ statement: 0, resource: '*' }],
      },
    ],
  });

  it('counts the actions by access level', () => {
    const [f] = findingsOf(resourceWildcard, policy({ Sid: 'Data', ...allow('dynamodb:*') }));
    expect(f).toMatchObject({ severity: 'security', sid: 'Data', resource: '*' });
    expect(f?.message).toMatchInlineSnapshot(
      `""Resource": "*" grants 66 actions that can be limited to named resources (2 Permissions management, 38 Write, 24 Read, 2 List) on every resource; name the resources the application uses instead."`,
    );
  });
});
