import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../catalog/index.js';
import { EVENT_SOURCE_PREFIXES, iamPrefix } from './event-sources.js';
import { normalizeEventName } from './normalize.js';

describe('normalizeEventName: API-version suffixes (aws-facts §2.1)', () => {
  it.each([
    ['Lambda 8-digit date', 'ListVersionsByFunction20150331', 'ListVersionsByFunction'],
    ['Lambda date + v2', 'GetFunctionConfiguration20150331v2', 'GetFunctionConfiguration'],
    ['CloudFront YYYY_MM_DD', 'UpdateDistribution2016_11_25', 'UpdateDistribution'],
    ['CloudFront date on a Create', 'CreateInvalidation2019_03_26', 'CreateInvalidation'],
    ['ListObjectsV2 is a name, not a version', 'ListObjectsV2', 'ListObjectsV2'],
    ['a trailing digit alone stays', 'DescribeDBEngineVersions2', 'DescribeDBEngineVersions2'],
    ['Route 53 keeps its digits', 'GetHostedZoneCount53', 'GetHostedZoneCount53'],
    ['four digits are not a date', 'PutObject2016', 'PutObject2016'],
    ['no suffix', 'GetObject', 'GetObject'],
  ])('%s: %s → %s', (_id, input, expected) => {
    expect(normalizeEventName(input)).toBe(expected);
  });
});

describe('iamPrefix: eventSource → IAM service prefix (aws-facts §2.1)', () => {
  it.each([
    ['default: first label', 's3.amazonaws.com', 's3'],
    ['monitoring is CloudWatch', 'monitoring.amazonaws.com', 'cloudwatch'],
    ['DynamoDB Streams is dynamodb', 'streams.dynamodb.amazonaws.com', 'dynamodb'],
    ['Lex runtime', 'runtime.lex.amazonaws.com', 'lex'],
    ['tagging is tag', 'tagging.amazonaws.com', 'tag'],
    ['chime-sdk-* family', 'chime-sdk-meetings.amazonaws.com', 'chime'],
    ['marketplace sources', 'discovery-marketplace.amazonaws.com', 'aws-marketplace'],
    ['China partition suffix', 'sqs.amazonaws.com.cn', 'sqs'],
    ['case-insensitive', 'S3.AmazonAWS.com', 's3'],
  ])('%s: %s → %s', (_id, source, expected) => {
    expect(iamPrefix(source)).toBe(expected);
  });

  it('every exception names a service the catalogue knows', () => {
    const catalog = loadCatalog();
    const unknown = Object.values(EVENT_SOURCE_PREFIXES).filter((p) => !catalog.serviceExists(p));
    expect(unknown).toEqual([]);
  });
});
