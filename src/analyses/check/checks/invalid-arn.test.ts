import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { invalidArn } from './invalid-arn.js';

const on = (Resource: string | string[], Action: string | string[] = 's3:GetObject') => ({
  Effect: 'Allow',
  Action,
  Resource,
});
const replace = (from: string, to: string) => ({ replaceResource: { from, to } });

describe('INVALID_ARN', () => {
  runCheckCases(invalidArn, {
    valid: [
      { id: 'Resource *', policy: policy(on('*')) },
      {
        id: 'bucket and objects',
        policy: policy(on(['arn:aws:s3:::my-bucket', 'arn:aws:s3:::my-bucket/*'])),
      },
      {
        id: 'other partitions and a wildcard partition',
        policy: policy(on(['arn:aws-cn:s3:::b/*', 'arn:aws-us-gov:s3:::b/*', 'arn:*:s3:::b/*'])),
      },
      {
        id: 'policy variables with colons inside',
        policy: policy(on('arn:aws:s3:::b/home/${aws:username}/*')),
      },
      {
        id: 'resource parts holding colons (log streams)',
        policy: policy(
          on('arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:log-stream:*', 'logs:PutLogEvents'),
        ),
      },
      {
        id: 'role with a path, AWS managed policy',
        policy: policy(
          on(
            ['arn:aws:iam::111122223333:role/service/app', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
            'iam:GetPolicy',
          ),
        ),
      },
      {
        id: 'API Gateway: empty account',
        policy: policy(on('arn:aws:apigateway:us-east-1::/restapis/*', 'apigateway:GET')),
      },
      {
        id: 'execute-api',
        policy: policy(on('arn:aws:execute-api:us-east-1:111122223333:a1b2c3/*/GET/*', 'execute-api:Invoke')),
      },
      { id: 'a trailing * spanning segments', policy: policy(on('arn:aws:s3:*')) },
      { id: 'a wildcard service part is not judged', policy: policy(on('arn:aws:s*:::b')) },
      {
        id: 'task definition revisions',
        policy: policy(
          on('arn:aws:ecs:us-east-1:111122223333:task-definition/web:*', 'ecs:DescribeTaskDefinition'),
        ),
      },
    ],
    invalid: [
      {
        id: 'S3 ARN one colon short',
        policy: policy(on('arn:aws:s3::my-bucket', 's3:ListBucket')),
        findings: [
          {
            statement: 0,
            resource: 'arn:aws:s3::my-bucket',
            fix: replace('arn:aws:s3::my-bucket', 'arn:aws:s3:::my-bucket'),
          },
        ],
      },
      {
        id: 'S3 object ARN one colon short',
        policy: policy(on('arn:aws:s3::my-bucket/*')),
        findings: [
          {
            statement: 0,
            resource: 'arn:aws:s3::my-bucket/*',
            fix: replace('arn:aws:s3::my-bucket/*', 'arn:aws:s3:::my-bucket/*'),
          },
        ],
      },
      {
        id: 'S3 slip with a policy variable',
        policy: policy(on('arn:aws:s3::my-bucket/home/${aws:username}/*')),
        findings: [
          {
            statement: 0,
            resource: 'arn:aws:s3::my-bucket/home/${aws:username}/*',
            fix: replace(
              'arn:aws:s3::my-bucket/home/${aws:username}/*',
              'arn:aws:s3:::my-bucket/home/${aws:username}/*',
            ),
          },
        ],
      },
      {
        id: 'an s3:// URL',
        policy: policy(on('s3://my-bucket/key')),
        findings: [{ statement: 0, resource: 's3://my-bucket/key' }],
      },
      {
        id: 'a bare bucket name',
        policy: policy(on('my-bucket')),
        findings: [{ statement: 0, resource: 'my-bucket' }],
      },
      {
        id: 'empty resource part',
        policy: policy(on('arn:aws:s3:::', 's3:ListBucket')),
        findings: [{ statement: 0, resource: 'arn:aws:s3:::' }],
      },
      {
        id: 'unknown partition',
        policy: policy(on('arn:amazon:s3:::b/*')),
        findings: [{ statement: 0, resource: 'arn:amazon:s3:::b/*' }],
      },
      {
        id: 'unknown service',
        policy: policy(on('arn:aws:s4:::b/*')),
        findings: [{ statement: 0, resource: 'arn:aws:s4:::b/*' }],
      },
      {
        id: 'missing resource part',
        policy: policy(on('arn:aws:dynamodb:us-east-1:111122223333', 'dynamodb:GetItem')),
        findings: [{ statement: 0, resource: 'arn:aws:dynamodb:us-east-1:111122223333' }],
      },
      {
        id: 'in NotResource and in a Deny',
        policy: policy({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3::my-bucket' }),
        findings: [
          {
            statement: 0,
            resource: 'arn:aws:s3::my-bucket',
            fix: replace('arn:aws:s3::my-bucket', 'arn:aws:s3:::my-bucket'),
          },
        ],
      },
      {
        id: 'each bad entry, in its statement',
        policy: policy(on('arn:aws:s3:::ok/*'), on(['arn:aws:s3:::ok/*', 'bucket/*', 'arn:aws:s3::other'])),
        findings: [
          { statement: 1, resource: 'bucket/*' },
          { statement: 1, resource: 'arn:aws:s3::other' },
        ],
      },
    ],
  });

  it('says what is wrong and suggests the fix', () => {
    const [f] = findingsOf(
      invalidArn,
      policy({ Sid: 'List', ...on('arn:aws:s3::my-bucket', 's3:ListBucket') }),
    );
    expect(f).toMatchObject({ severity: 'error', sid: 'List', resource: 'arn:aws:s3::my-bucket' });
    expect(f?.message).toMatchInlineSnapshot(
      `""arn:aws:s3::my-bucket" has 5 of the 6 colon-separated parts of an ARN (arn:partition:service:region:account:resource); did you mean "arn:aws:s3:::my-bucket"?"`,
    );
  });
});
