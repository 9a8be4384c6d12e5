/**
 * Example CloudTrail records for every row of every event-map service table: the request parameters
 * each service's handlers read. docs/event-map.md shows what each row maps them to; tables.test.ts
 * checks those actions and resources against the catalogue, project.test.ts and the Athena query test
 * that projecting a record keeps what the handlers read.
 */

import type { CloudTrailRecord } from '../../../model/cloudtrail.js';
import { SERVICE_MAPPINGS } from './index.js';

export const ACCOUNT = '111122223333';
export const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const KEY2 = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;

export type Params = Record<string, unknown>;

const DYNAMODB: Params = { tableName: 'Orders', indexName: 'ByCustomer' };

/** The request parameters each service's handlers read (a superset: handlers ignore the rest). */
export const BASE: Record<string, Params> = {
  's3.amazonaws.com': {
    bucketName: 'app-bucket',
    key: 'data/file.json',
    'x-amz-copy-source': 'src-bucket/in/file.json',
    'x-amz-tagging': 'team=payments',
    'x-amz-tagging-directive': 'REPLACE',
    'x-amz-acl': 'bucket-owner-full-control',
    ReplicationConfiguration: { Role: `arn:aws:iam::${ACCOUNT}:role/s3-replication` },
  },
  'kms.amazonaws.com': {
    keyId: KEY,
    sourceKeyId: KEY,
    destinationKeyId: KEY2,
    aliasName: 'alias/app-data',
    targetKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  },
  'dynamodb.amazonaws.com': DYNAMODB,
  'streams.dynamodb.amazonaws.com': DYNAMODB,
  'sqs.amazonaws.com': { queueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/jobs`, queueName: 'jobs' },
  'sns.amazonaws.com': { topicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:order-events`, name: 'order-events' },
  'secretsmanager.amazonaws.com': {
    secretId: 'prod/db',
    name: 'prod/db',
    secretIdList: ['prod/db', `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/api-XyZ123`],
    filters: [{ key: 'name', values: ['prod'] }],
  },
  'ssm.amazonaws.com': {
    name: '/prod/app/api_url',
    names: ['/prod/app/api_url', 'db-host'],
    path: '/prod/app',
  },
  'logs.amazonaws.com': { logGroupName: '/ecs/web', logStreamName: 'web/app/1', logGroupNames: ['/ecs/web'] },
  'ecr.amazonaws.com': { registryId: ACCOUNT, repositoryName: 'web' },
  'sts.amazonaws.com': {
    roleArn: `arn:aws:iam::${ACCOUNT}:role/service/reader`,
    roleSessionName: 's',
    tags: [{ key: 'team', value: 'payments' }],
    sourceIdentity: 'app',
  },
  'lambda.amazonaws.com': { functionName: 'resize-image', qualifier: 'live' },
  'kinesis.amazonaws.com': { streamName: 'clickstream' },
  'firehose.amazonaws.com': { deliveryStreamName: 'app-logs' },
  'events.amazonaws.com': { entries: [{ eventBusName: 'orders' }, { source: 'app' }] },
  'states.amazonaws.com': {
    stateMachineArn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:fulfilment`,
    executionArn: `arn:aws:states:us-east-1:${ACCOUNT}:execution:fulfilment:run-1`,
  },
};

export const STREAM = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Orders/stream/2025-05-30T08:02:47.428`;

/** DynamoDB rows whose parameters differ from the service's base. */
export const DYNAMODB_ROWS: Record<string, Params> = {
  BatchGetItem: { requestItems: { Orders: { keys: [] }, Customers: { keys: [] } } },
  BatchWriteItem: { requestItems: [{ tableName: 'Orders' }, { TableName: 'AuditLog' }] },
  TransactWriteItems: {
    requestItems: [
      { operation: 'Put', tableName: 'Orders' },
      { operation: 'Update', tableName: 'Inventory' },
      { operation: 'Delete', TableName: 'Carts' },
      { operation: 'ConditionCheck', TableName: 'Customers' },
    ],
  },
  TransactGetItems: { transactItems: [{ Get: { TableName: 'Orders' } }] },
  ExecuteStatement: { statement: 'SELECT * FROM "Orders"."ByCustomer" WHERE pk = ?' },
  BatchExecuteStatement: { requestItems: [{ statement: 'DELETE FROM Orders WHERE pk = ?' }] },
  ExecuteTransaction: { transactStatements: [{ statement: 'UPDATE "Orders" SET x = ? WHERE pk = ?' }] },
  GetRecords: { shardIterator: `${STREAM}|1|AAAA` },
  GetShardIterator: { streamArn: STREAM },
  DescribeStream: { streamArn: STREAM },
};

/** Rows whose answer is that no permission is needed. */
export const NONE_ROWS = new Set([
  'sts.amazonaws.com GetCallerIdentity',
  'sts.amazonaws.com AssumeRoleWithWebIdentity',
  'sts.amazonaws.com AssumeRoleWithSAML',
]);

/** Events outside the tables that each service's resource resolver should place on the right resource. */
export const FALLBACK_SAMPLES: Record<string, string[]> = {
  's3.amazonaws.com': ['GetBucketPolicy', 'PutBucketVersioning', 'GetObjectRetention', 'GetBucketLocation'],
  'kms.amazonaws.com': ['CreateGrant', 'ListResourceTags', 'EnableKeyRotation'],
  'dynamodb.amazonaws.com': ['DescribeTable', 'UpdateTimeToLive'],
  'sqs.amazonaws.com': ['GetQueueAttributes', 'PurgeQueue', 'ListQueues'],
  'sns.amazonaws.com': ['Subscribe', 'GetTopicAttributes', 'ListTopics'],
  'secretsmanager.amazonaws.com': ['UpdateSecret', 'RotateSecret', 'ListSecrets'],
  'ssm.amazonaws.com': ['DescribeParameters'],
  'logs.amazonaws.com': ['DescribeLogStreams', 'FilterLogEvents', 'DeleteLogStream', 'DescribeLogGroups'],
  'ecr.amazonaws.com': ['DescribeImages', 'ListImages'],
  'lambda.amazonaws.com': ['GetFunction', 'GetFunctionConfiguration', 'InvokeAsync'],
  'kinesis.amazonaws.com': ['DescribeStream', 'ListShards'],
  'firehose.amazonaws.com': ['DescribeDeliveryStream'],
  'events.amazonaws.com': ['DescribeEventBus'],
  'states.amazonaws.com': ['ListExecutions', 'SendTaskSuccess'],
};

export function record(eventSource: string, eventName: string, params: Params): CloudTrailRecord {
  return {
    eventVersion: '1.10',
    eventTime: '2025-06-01T10:00:00Z',
    eventSource,
    eventName,
    awsRegion: 'us-east-1',
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
    userIdentity: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/app-task-role/8f2b6e1c9d4a4b7e9c3d2a1b0f9e8d7c`,
      accountId: ACCOUNT,
    },
    requestParameters: params,
    resources: eventSource === 'kms.amazonaws.com' ? [{ ARN: KEY, type: 'AWS::KMS::Key' }] : undefined,
  };
}

/** Every (eventSource, eventName) row of every service table. */
export const rows = SERVICE_MAPPINGS.flatMap((m) =>
  m.eventSources.flatMap((source) => Object.keys(m.events).map((name) => [source, name] as const)),
);

/** The parameters of a table row: the service's base, with the row's own for DynamoDB. */
export function rowParams(source: string, name: string): Params {
  const extra = source.endsWith('dynamodb.amazonaws.com') ? DYNAMODB_ROWS[name] : undefined;
  return { ...BASE[source]!, ...extra };
}

/** A table row's record, and the same naming an object version (`versionId`). */
export function rowRecords(source: string, name: string): CloudTrailRecord[] {
  const params = rowParams(source, name);
  return [
    record(source, name, params),
    record(source, name, { ...params, versionId: '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY' }),
  ];
}

/** The records of the events outside the tables each service's resolver handles. */
export const fallbackSamples = Object.entries(FALLBACK_SAMPLES).flatMap(([source, names]) =>
  names.map((name) => [source, name] as const),
);
