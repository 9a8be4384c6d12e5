import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { wildcardOnlyAction } from './wildcard-only-action.js';

const B = 'arn:aws:s3:::my-app-data-bucket';
const REPO = 'arn:aws:ecr:us-east-1:111122223333:repository/web';
const allow = (Action: string | string[], Resource: string | string[]) => ({
  Effect: 'Allow',
  Action,
  Resource,
});
const STAR = { addResource: '*' };

describe('WILDCARD_ONLY_ACTION', () => {
  runCheckCases(wildcardOnlyAction, {
    valid: [
      {
        id: 'wildcard-only actions on *',
        policy: policy(
          allow(['s3:ListAllMyBuckets', 'ecr:GetAuthorizationToken', 'sts:GetCallerIdentity'], '*'),
        ),
      },
      {
        id: 'the usual ECS split: token on *, pulls on the repository',
        policy: policy(
          allow('ecr:GetAuthorizationToken', '*'),
          allow(['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], REPO),
        ),
      },
      {
        id: 'judged per policy: also granted on * by another statement',
        policy: policy(allow(['s3:ListAllMyBuckets', 's3:ListBucket'], B), allow('s3:ListAllMyBuckets', '*')),
      },
      {
        id: '* among named resources',
        policy: policy(allow(['s3:ListAllMyBuckets', 's3:ListBucket'], [B, '*'])),
      },
      { id: 'a pattern is RESOURCE_TYPE_MISMATCH’s to judge', policy: policy(allow('s3:List*', B)) },
      {
        id: 'actions with a resource type on named resources',
        policy: policy(allow(['s3:ListBucket', 'ecr:BatchGetImage'], [B, REPO])),
      },
      {
        id: 'NotResource is not judged',
        policy: policy({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', NotResource: B }),
      },
      { id: 'unknown action is UNKNOWN_ACTION’s', policy: policy(allow('s3:ListAllMyBucket', B)) },
    ],
    invalid: [
      {
        id: 'ListAllMyBuckets on a bucket',
        policy: policy(allow('s3:ListAllMyBuckets', B)),
        findings: [{ statement: 0, action: 's3:ListAllMyBuckets', resource: B, fix: STAR }],
      },
      {
        id: 'GetAuthorizationToken on the repository (the ECS execution role slip)',
        policy: policy(allow(['ecr:GetAuthorizationToken', 'ecr:BatchGetImage'], REPO)),
        findings: [{ statement: 0, action: 'ecr:GetAuthorizationToken', resource: REPO, fix: STAR }],
      },
      {
        id: 'the canonical spelling is reported',
        policy: policy(allow('STS:getcalleridentity', 'arn:aws:iam::111122223333:role/app')),
        findings: [{ statement: 0, action: 'sts:GetCallerIdentity', fix: STAR }],
      },
      {
        id: 'an all-wildcard ARN is still not "*"',
        policy: policy(allow('s3:ListAllMyBuckets', 'arn:aws:s3:::*')),
        findings: [{ statement: 0, action: 's3:ListAllMyBuckets', resource: 'arn:aws:s3:::*', fix: STAR }],
      },
      {
        id: 'in a Deny',
        policy: policy({
          Effect: 'Deny',
          Action: 'logs:DescribeLogGroups',
          Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:*',
        }),
        findings: [{ statement: 0, action: 'logs:DescribeLogGroups', fix: STAR }],
      },
      {
        id: 'each entry, in its statement',
        policy: policy(
          allow('s3:GetObject', `${B}/*`),
          allow(['s3:ListAllMyBuckets', 'sts:GetCallerIdentity'], B),
        ),
        findings: [
          { statement: 1, action: 's3:ListAllMyBuckets', fix: STAR },
          { statement: 1, action: 'sts:GetCallerIdentity', fix: STAR },
        ],
      },
    ],
  });

  it('says the action needs "*" and where to move it', () => {
    const [f] = findingsOf(wildcardOnlyAction, policy({ Sid: 'List', ...allow('s3:ListAllMyBuckets', B) }));
    expect(f).toMatchObject({ severity: 'warning', sid: 'List', action: 's3:ListAllMyBuckets', resource: B });
    expect(f?.message).toMatchInlineSnapshot(
      `"s3:ListAllMyBuckets has no resource-level permissions (AWS documents "Resource": "*" for it), so with only these resources it may never be allowed; move it to a statement with "Resource": "*"."`,
    );
  });
});
