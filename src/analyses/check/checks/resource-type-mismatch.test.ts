import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { resourceTypeMismatch } from './resource-type-mismatch.js';

const B = 'arn:aws:s3:::my-app-data-bucket';
const O = 'arn:aws:s3:::my-app-data-bucket/*';
const allow = (Action: string | string[], Resource: string | string[]) => ({
  Effect: 'Allow',
  Action,
  Resource,
});

describe('RESOURCE_TYPE_MISMATCH', () => {
  runCheckCases(resourceTypeMismatch, {
    valid: [
      { id: 'seed scoped policy', policy: policy(allow(['s3:GetObject', 's3:ListBucket'], [B, O])) },
      { id: 'ListBucket on the bucket', policy: policy(allow('s3:ListBucket', B)) },
      { id: 'GetObject on objects', policy: policy(allow('s3:GetObject', O)) },
      { id: 'everything on *', policy: policy(allow('s3:*', '*')) },
      {
        id: 'every bucket pattern covers both',
        policy: policy(allow(['s3:GetObject', 's3:ListBucket'], 'arn:aws:s3:::*')),
      },
      {
        id: "wildcard-only action on a named resource is WILDCARD_ONLY_ACTION's",
        policy: policy(allow('s3:ListAllMyBuckets', B)),
      },
      {
        id: 'wildcard-only action on *',
        policy: policy(allow(['ecr:GetAuthorizationToken', 's3:ListAllMyBuckets'], '*')),
      },
      {
        id: 'judged per policy: ListBucket granted on the bucket by another statement',
        policy: policy(allow(['s3:GetObject', 's3:ListBucket'], O), allow('s3:ListBucket', B)),
      },
      { id: 'pattern with some usable actions', policy: policy(allow('s3:Get*', O)) },
      {
        id: 'log group with :*',
        policy: policy(
          allow(
            ['logs:CreateLogStream', 'logs:PutLogEvents'],
            'arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:*',
          ),
        ),
      },
      {
        id: 'NotResource is not judged',
        policy: policy({ Effect: 'Allow', Action: 's3:ListBucket', NotResource: O }),
      },
      {
        id: 'policy variable in an object ARN',
        policy: policy(allow('s3:GetObject', 'arn:aws:s3:::b/${aws:username}/*')),
      },
      {
        id: 'role with a path',
        policy: policy(allow('iam:PassRole', 'arn:aws:iam::111122223333:role/service/app')),
      },
    ],
    invalid: [
      {
        id: 'seed object-only: ListBucket needs the bucket',
        policy: policy(allow(['s3:GetObject', 's3:ListBucket'], O)),
        findings: [{ statement: 0, action: 's3:ListBucket', fix: { addResource: B } }],
      },
      {
        id: 'seed bucket-only: GetObject needs the objects',
        policy: policy(allow(['s3:GetObject', 's3:ListBucket'], B)),
        findings: [{ statement: 0, action: 's3:GetObject', fix: { addResource: O } }],
      },
      {
        id: 'deep object path still yields the bucket',
        policy: policy(allow('s3:ListBucket', 'arn:aws:s3:::my-app-data-bucket/data/2026/*')),
        findings: [{ statement: 0, action: 's3:ListBucket', fix: { addResource: B } }],
      },
      {
        id: 'reported per statement where not usable anywhere',
        policy: policy(allow('s3:ListBucket', O), allow('s3:ListBucket', 'arn:aws:s3:::other/*')),
        findings: [
          { statement: 0, action: 's3:ListBucket', fix: { addResource: B } },
          { statement: 1, action: 's3:ListBucket', fix: { addResource: 'arn:aws:s3:::other' } },
        ],
      },
      {
        id: 'a pattern none of whose actions fit',
        policy: policy(allow('s3:ListBucket*', O)),
        findings: [{ statement: 0, action: 's3:ListBucket*' }],
      },
      {
        id: 'a Deny on the wrong type never applies',
        policy: policy({ Effect: 'Deny', Action: 's3:DeleteObject', Resource: B }),
        findings: [{ statement: 0, action: 's3:DeleteObject', fix: { addResource: O } }],
      },
      {
        id: 'table action on an index ARN',
        policy: policy(
          allow('dynamodb:PutItem', 'arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*'),
        ),
        findings: [
          {
            statement: 0,
            action: 'dynamodb:PutItem',
            fix: { addResource: 'arn:aws:dynamodb:us-east-1:111122223333:table/orders' },
          },
        ],
      },
    ],
  });

  it('says which resource type and what to add, as the contract shows', () => {
    const [f] = findingsOf(
      resourceTypeMismatch,
      policy({ Sid: 'ReadData', ...allow(['s3:GetObject', 's3:ListBucket'], O) }),
    );
    expect(f).toMatchObject({ severity: 'error', sid: 'ReadData', resource: O });
    expect(f?.message).toMatchInlineSnapshot(
      `"s3:ListBucket applies to the bucket (arn:aws:s3:::\${BucketName}); no Resource in this statement matches it, so the permission can never be used. Add arn:aws:s3:::my-app-data-bucket."`,
    );
  });
});
