import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { broadResourcePattern } from './broad-resource-pattern.js';

const allow = (Action: string | string[], Resource: string | string[]) => ({
  Effect: 'Allow',
  Action,
  Resource,
});

describe('BROAD_RESOURCE_PATTERN', () => {
  runCheckCases(broadResourcePattern, {
    valid: [
      { id: 'objects of one bucket', policy: policy(allow('s3:GetObject', 'arn:aws:s3:::my-bucket/*')) },
      { id: 'buckets sharing a prefix', policy: policy(allow('s3:ListBucket', 'arn:aws:s3:::my-app-*')) },
      {
        id: 'objects of buckets sharing a prefix',
        policy: policy(allow('s3:GetObject', 'arn:aws:s3:::my-app-*/*')),
      },
      {
        id: 'per-user prefix in every bucket is narrowed by the path',
        policy: policy(allow('s3:GetObject', 'arn:aws:s3:::*/home/${aws:username}/*')),
      },
      {
        id: 'one table in any region',
        policy: policy(allow('dynamodb:GetItem', 'arn:aws:dynamodb:*:111122223333:table/orders')),
      },
      {
        id: 'log streams of one log group',
        policy: policy(allow('logs:PutLogEvents', 'arn:aws:logs:*:*:log-group:/ecs/web:*')),
      },
      { id: '"*" is RESOURCE_WILDCARD, not this', policy: policy(allow('s3:GetObject', '*')) },
      {
        id: 'a Deny may be broad',
        policy: policy({ Effect: 'Deny', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::*/*' }),
      },
      {
        id: 'NotResource is ALLOW_NOT_RESOURCE, not this',
        policy: policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::*/*' }),
      },
      {
        id: 'a pattern of another service (RESOURCE_TYPE_MISMATCH judges it)',
        policy: policy(allow('dynamodb:GetItem', 'arn:aws:s3:::*/*')),
      },
      {
        id: 'wildcard-only action: nothing to name',
        policy: policy(allow('s3:ListAllMyBuckets', 'arn:aws:s3:::*')),
      },
    ],
    invalid: [
      {
        id: 'every object of every bucket',
        policy: policy(allow('s3:GetObject', 'arn:aws:s3:::*/*')),
        findings: [{ statement: 0, resource: 'arn:aws:s3:::*/*' }],
      },
      {
        id: 'every bucket',
        policy: policy(allow('s3:ListBucket', 'arn:aws:s3:::*')),
        findings: [{ statement: 0, resource: 'arn:aws:s3:::*' }],
      },
      {
        id: 'every table in every region and account',
        policy: policy(allow('dynamodb:GetItem', 'arn:aws:dynamodb:*:*:table/*')),
        findings: [{ statement: 0, resource: 'arn:aws:dynamodb:*:*:table/*' }],
      },
      {
        id: 'every table of one account is still every table',
        policy: policy(allow('dynamodb:PutItem', 'arn:aws:dynamodb:us-east-1:111122223333:table/*')),
        findings: [{ statement: 0, resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/*' }],
      },
      {
        id: 'every queue (resource part a bare *)',
        policy: policy(allow('sqs:SendMessage', 'arn:aws:sqs:*:*:*')),
        findings: [{ statement: 0, resource: 'arn:aws:sqs:*:*:*' }],
      },
      {
        id: 'every role (iam:PassRole)',
        policy: policy(allow('iam:PassRole', 'arn:aws:iam::111122223333:role/*')),
        findings: [{ statement: 0, resource: 'arn:aws:iam::111122223333:role/*' }],
      },
      {
        id: 'repeated wildcards collapse (s3:::**/*?*)',
        policy: policy(allow('s3:GetObject', 'arn:aws:s3:::**/*?*')),
        findings: [{ statement: 0, resource: 'arn:aws:s3:::**/*?*' }],
      },
      {
        id: 'only the broad entry of a list, in its statement',
        policy: policy(
          allow('s3:GetObject', 'arn:aws:s3:::my-bucket/*'),
          allow('s3:GetObject', ['arn:aws:s3:::my-bucket/*', 'arn:aws:s3:::*/*']),
        ),
        findings: [{ statement: 1, resource: 'arn:aws:s3:::*/*' }],
      },
    ],
  });

  it('names the resource type and the account scope', () => {
    const [f] = findingsOf(
      broadResourcePattern,
      policy({
        Sid: 'Orders',
        ...allow('dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:111122223333:table/*'),
      }),
    );
    expect(f).toMatchObject({ severity: 'security', sid: 'Orders' });
    expect(f?.message).toMatchInlineSnapshot(
      `""arn:aws:dynamodb:us-east-1:111122223333:table/*" names every table in account 111122223333; name the tables the application uses."`,
    );
  });
});
