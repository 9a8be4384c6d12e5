import { describe, expect, it } from 'vitest';
import { tokenizeArnPattern } from './arn-pattern.js';
import { arnMatchesFormat, patternMayMatchFormat } from './resource-type-match.js';

const BUCKET = 'arn:${Partition}:s3:::${BucketName}';
const OBJECT = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
const LOG_GROUP = 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}';
const LOG_STREAM =
  'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}';
const ROLE = 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}';

describe('patternMayMatchFormat: can a policy resource name a resource of this type?', () => {
  const may = (p: string, f: string) =>
    patternMayMatchFormat(p, tokenizeArnPattern(p, { variables: 'wildcard' }), f);
  it.each([
    ['bucket ARN is a bucket', 'arn:aws:s3:::my-app-data-bucket', BUCKET, true],
    ['bucket ARN is no object', 'arn:aws:s3:::my-app-data-bucket', OBJECT, false],
    ['object ARN is an object', 'arn:aws:s3:::my-app-data-bucket/*', OBJECT, true],
    ['object ARN is no bucket', 'arn:aws:s3:::my-app-data-bucket/*', BUCKET, false],
    ['every-bucket pattern is both', 'arn:aws:s3:::*', BUCKET, true],
    ['every-bucket pattern is both (object)', 'arn:aws:s3:::*', OBJECT, true],
    ['star is everything', '*', OBJECT, true],
    ['bucket with a region never matches', 'arn:aws:s3:us-east-1::b', BUCKET, false],
    ['log group with :* suffix', 'arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:*', LOG_GROUP, true],
    [
      'log group with :* suffix is also streams',
      'arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web:*',
      LOG_STREAM,
      true,
    ],
    [
      'empty account is allowed (AWS-owned resources have none)',
      'arn:aws:ssm:us-east-1::parameter/aws/service/ami',
      'arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}',
      true,
    ],
    [
      'log group without the log-group: prefix never matches',
      'arn:aws:logs:*:*:/aws-glue/*',
      LOG_GROUP,
      false,
    ],
    ['role with path', 'arn:aws:iam::111122223333:role/service/app', ROLE, true],
    ['other service never matches', 'arn:aws:sqs:us-east-1:111122223333:q', BUCKET, false],
    ['wildcard service segment', 'arn:aws:*:*:*:*', LOG_GROUP, true],
  ])('%s', (_id, pattern, format, expected) => {
    expect(may(pattern, format)).toBe(expected);
  });
});

describe('arnMatchesFormat: is a concrete ARN of this type?', () => {
  it.each([
    ['bucket', 'arn:aws:s3:::b', BUCKET, true],
    ['object is not a bucket', 'arn:aws:s3:::b/k', BUCKET, false],
    ['object', 'arn:aws:s3:::b/k/deep.json', OBJECT, true],
    ['bucket is not an object', 'arn:aws:s3:::b', OBJECT, false],
    ['stream is not a group', 'arn:aws:logs:us-east-1:1:log-group:/ecs/web:log-stream:s', LOG_GROUP, true],
  ])('%s', (_id, arn, format, expected) => {
    expect(arnMatchesFormat(arn, format)).toBe(expected);
  });
});
