/** Parameter forms each table has to read, on small inline records (the fixtures hold the full layouts). */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../catalog/index.js';
import type { CloudTrailRecord, CloudTrailResource, EventMapping } from '../../../model/cloudtrail.js';
import { mapEvent } from './index.js';

const catalog = loadCatalog();
const A = '111122223333';
const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const AP = `arn:aws:s3:us-east-1:${A}:accesspoint/reports-ap`;

function rec(
  source: string,
  eventName: string,
  params: Record<string, unknown> | null,
  more: Partial<CloudTrailRecord> & { resources?: CloudTrailResource[] } = {},
): CloudTrailRecord {
  return {
    eventTime: '2025-06-01T10:00:00Z',
    eventSource: `${source}.amazonaws.com`,
    eventName,
    awsRegion: 'us-east-1',
    eventType: 'AwsApiCall',
    recipientAccountId: A,
    userIdentity: { type: 'AssumedRole', accountId: A },
    requestParameters: params,
    ...more,
  };
}

type Pair = readonly [string, string];
const to = (...pairs: Pair[]): EventMapping => ({
  kind: 'mapped',
  permissions: pairs.map(([action, resource]) => ({ action, resource })),
});

describe('parameter forms', () => {
  it.each<[string, CloudTrailRecord, EventMapping]>([
    // S3
    [
      'S3 through an access point: AP_ARN/object/KEY',
      rec('s3', 'GetObject', { bucketName: AP, key: 'q2/summary.csv' }),
      to(['s3:GetObject', `${AP}/object/q2/summary.csv`]),
    ],
    [
      'S3 ListObjects through an access point: s3:ListBucket on the access point',
      rec('s3', 'ListObjects', { bucketName: AP, 'list-type': '2' }),
      to(['s3:ListBucket', AP]),
    ],
    [
      'S3 through an access point named only in resources[] (AWS::S3::AccessPoint): the access point forms',
      rec(
        's3',
        'PutObject',
        { bucketName: 'reports-bucket', key: 'q2/summary.csv' },
        {
          resources: [
            { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::reports-bucket/q2/summary.csv' },
            { type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::reports-bucket', accountId: A },
            { type: 'AWS::S3::AccessPoint', ARN: AP, accountId: A },
          ],
        },
      ),
      to(['s3:PutObject', `${AP}/object/q2/summary.csv`]),
    ],
    [
      'S3 GetObject without requestParameters: the object in resources[]',
      rec('s3', 'GetObject', null, {
        resources: [
          { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::b/k.txt' },
          { type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::b' },
        ],
      }),
      to(['s3:GetObject', 'arn:aws:s3:::b/k.txt']),
    ],
    [
      'S3 in a China Region: the aws-cn partition',
      rec('s3', 'GetObject', { bucketName: 'b', key: 'k' }, { awsRegion: 'cn-north-1' }),
      to(['s3:GetObject', 'arn:aws-cn:s3:::b/k']),
    ],
    [
      'S3 CopyObject from an access point object ARN (URL-encoded)',
      rec('s3', 'CopyObject', {
        bucketName: 'dst',
        key: 'k',
        'x-amz-copy-source': encodeURIComponent(`${AP}/object/reports/january.pdf`),
      }),
      to(['s3:GetObject', `${AP}/object/reports/january.pdf`], ['s3:PutObject', 'arn:aws:s3:::dst/k']),
    ],
    [
      'S3 CopyObject without x-amz-copy-source: the other object in resources[]',
      rec(
        's3',
        'CopyObject',
        { bucketName: 'dst', key: 'k' },
        {
          resources: [
            { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::dst/k' },
            { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::src/orig' },
          ],
        },
      ),
      to(['s3:GetObject', 'arn:aws:s3:::src/orig'], ['s3:PutObject', 'arn:aws:s3:::dst/k']),
    ],
    [
      'S3 CopyObject: x-amz-tagging with the default COPY directive needs no s3:PutObjectTagging',
      rec('s3', 'CopyObject', {
        bucketName: 'dst',
        key: 'k',
        'x-amz-copy-source': 'src/k',
        'x-amz-tagging': 'a=b',
      }),
      to(['s3:GetObject', 'arn:aws:s3:::src/k'], ['s3:PutObject', 'arn:aws:s3:::dst/k']),
    ],
    [
      'S3 GetObjectAttributes → s3:GetObject + s3:GetObjectAttributes (S3 API ref)',
      rec('s3', 'GetObjectAttributes', { bucketName: 'b', key: 'k' }),
      to(['s3:GetObject', 'arn:aws:s3:::b/k'], ['s3:GetObjectAttributes', 'arn:aws:s3:::b/k']),
    ],
    [
      'S3 PutBucketReplication → + iam:PassRole on the replication role',
      rec('s3', 'PutBucketReplication', {
        bucketName: 'b',
        ReplicationConfiguration: { Role: `arn:aws:iam::${A}:role/replication` },
      }),
      to(
        ['s3:PutReplicationConfiguration', 'arn:aws:s3:::b'],
        ['iam:PassRole', `arn:aws:iam::${A}:role/replication`],
      ),
    ],
    // SQS URL forms
    [
      'SQS VPC endpoint host',
      rec('sqs', 'ReceiveMessage', {
        queueUrl: `https://vpce-0a1b2c3d-4e5f6a7b.sqs.eu-west-1.vpce.amazonaws.com/${A}/jobs`,
      }),
      to(['sqs:ReceiveMessage', `arn:aws:sqs:eu-west-1:${A}:jobs`]),
    ],
    [
      'SQS legacy queue.amazonaws.com is us-east-1',
      rec(
        'sqs',
        'SendMessageBatch',
        { queueUrl: `https://queue.amazonaws.com/${A}/jobs` },
        { awsRegion: 'eu-west-1' },
      ),
      to(['sqs:SendMessage', `arn:aws:sqs:us-east-1:${A}:jobs`]),
    ],
    [
      'SQS ChangeMessageVisibilityBatch → sqs:ChangeMessageVisibility',
      rec('sqs', 'ChangeMessageVisibilityBatch', {
        queueUrl: `https://sqs.us-east-1.amazonaws.com/${A}/jobs`,
      }),
      to(['sqs:ChangeMessageVisibility', `arn:aws:sqs:us-east-1:${A}:jobs`]),
    ],
    [
      'SQS GetQueueUrl by name in another account',
      rec('sqs', 'GetQueueUrl', { queueName: 'shared-jobs', queueOwnerAWSAccountId: '444455556666' }),
      to(['sqs:GetQueueUrl', 'arn:aws:sqs:us-east-1:444455556666:shared-jobs']),
    ],
    // KMS
    [
      'KMS alias ARN in another account, unresolved → every key of that account and Region',
      rec('kms', 'Decrypt', { keyId: 'arn:aws:kms:eu-west-1:444455556666:alias/shared' }),
      to(['kms:Decrypt', 'arn:aws:kms:eu-west-1:444455556666:key/*']),
    ],
    [
      'KMS alias resolved by resources[] → that key',
      rec(
        'kms',
        'Encrypt',
        { keyId: 'alias/app-data' },
        { resources: [{ type: 'AWS::KMS::Key', ARN: KEY }] },
      ),
      to(['kms:Encrypt', KEY]),
    ],
    [
      'KMS CreateAlias → on the alias and on the target key (KMS DG alias-access)',
      rec('kms', 'CreateAlias', {
        aliasName: 'alias/app-data',
        targetKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
      }),
      to(['kms:CreateAlias', `arn:aws:kms:us-east-1:${A}:alias/app-data`], ['kms:CreateAlias', KEY]),
    ],
    // DynamoDB
    [
      'DynamoDB table named by ARN (cross-account) stays',
      rec('dynamodb', 'GetItem', { tableName: 'arn:aws:dynamodb:us-east-1:444455556666:table/Shared' }),
      to(['dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:444455556666:table/Shared']),
    ],
    [
      'DynamoDB BatchGetItem, API shape (object keyed by table)',
      rec('dynamodb', 'BatchGetItem', { requestItems: { Orders: { keys: [] }, Customers: { keys: [] } } }),
      to(
        ['dynamodb:BatchGetItem', `arn:aws:dynamodb:us-east-1:${A}:table/Orders`],
        ['dynamodb:BatchGetItem', `arn:aws:dynamodb:us-east-1:${A}:table/Customers`],
      ),
    ],
    [
      'DynamoDB TransactGetItems, API shape → dynamodb:GetItem per table (duplicates collapse)',
      rec('dynamodb', 'TransactGetItems', {
        transactItems: [{ Get: { TableName: 'Orders' } }, { Get: { TableName: 'Orders' } }],
      }),
      to(['dynamodb:GetItem', `arn:aws:dynamodb:us-east-1:${A}:table/Orders`]),
    ],
    [
      'DynamoDB Scan on an index',
      rec('dynamodb', 'Scan', { tableName: 'Orders', indexName: 'ByDate' }),
      to(['dynamodb:Scan', `arn:aws:dynamodb:us-east-1:${A}:table/Orders/index/ByDate`]),
    ],
    [
      'PartiQL DELETE on a quoted name with "" escapes',
      rec('dynamodb', 'ExecuteStatement', { statement: 'delete from "my-""odd"".table" where pk = ?' }),
      to(['dynamodb:PartiQLDelete', `arn:aws:dynamodb:us-east-1:${A}:table/my-"odd".table`]),
    ],
    [
      'PartiQL ExecuteTransaction with EXISTS → PartiQLSelect on that table',
      rec('dynamodb', 'ExecuteTransaction', {
        transactStatements: [{ statement: 'EXISTS(SELECT * FROM Orders WHERE pk = ?)' }],
      }),
      to(['dynamodb:PartiQLSelect', `arn:aws:dynamodb:us-east-1:${A}:table/Orders`]),
    ],
    // Secrets Manager, SSM
    [
      'Secrets Manager: a bare name that looks suffixed is still a name (→ -??????)',
      rec('secretsmanager', 'GetSecretValue', { secretId: 'prod/db-AbCdEf' }),
      to([
        'secretsmanager:GetSecretValue',
        `arn:aws:secretsmanager:us-east-1:${A}:secret:prod/db-AbCdEf-??????`,
      ]),
    ],
    [
      'Secrets Manager BatchGetSecretValue with filters only → every secret (pattern) + ListSecrets',
      rec('secretsmanager', 'BatchGetSecretValue', { filters: [{ key: 'tag-key', values: ['app'] }] }),
      to(
        ['secretsmanager:BatchGetSecretValue', '*'],
        ['secretsmanager:ListSecrets', '*'],
        ['secretsmanager:GetSecretValue', `arn:aws:secretsmanager:us-east-1:${A}:secret:*`],
      ),
    ],
    [
      'SSM GetParameter by ARN with a :label selector → selector dropped',
      rec('ssm', 'GetParameter', { name: `arn:aws:ssm:us-east-1:444455556666:parameter/shared/db-url:prod` }),
      to(['ssm:GetParameter', 'arn:aws:ssm:us-east-1:444455556666:parameter/shared/db-url']),
    ],
    [
      'SSM GetParameter without leading slash',
      rec('ssm', 'GetParameter', { name: 'db-url' }),
      to(['ssm:GetParameter', `arn:aws:ssm:us-east-1:${A}:parameter/db-url`]),
    ],
    // Lambda, Logs, SNS, EventBridge
    [
      'Lambda Invoke by qualified full ARN: the qualifier is not added twice',
      rec('lambda', 'Invoke', { functionName: `arn:aws:lambda:us-east-1:${A}:function:f:3`, qualifier: '3' }),
      to(['lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${A}:function:f:3`]),
    ],
    [
      'Lambda Invoke by NAME:ALIAS',
      rec('lambda', 'Invoke', { functionName: 'f:live' }),
      to(['lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${A}:function:f:live`]),
    ],
    [
      'Logs logGroupIdentifier ARN with :* → the group ARN',
      rec('logs', 'CreateLogStream', {
        logGroupIdentifier: `arn:aws:logs:us-east-1:${A}:log-group:/ecs/web:*`,
        logStreamName: 's1',
      }),
      to(['logs:CreateLogStream', `arn:aws:logs:us-east-1:${A}:log-group:/ecs/web:log-stream:s1`]),
    ],
    [
      'Logs DescribeLogStreams (default rule) → the group ARN with the trailing :* policies use',
      rec('logs', 'DescribeLogStreams', { logGroupName: '/ecs/web' }),
      to(['logs:DescribeLogStreams', `arn:aws:logs:us-east-1:${A}:log-group:/ecs/web:*`]),
    ],
    [
      'Logs TagResource on a group → the plain group ARN (one of the three exceptions to :*)',
      rec('logs', 'TagResource', {
        resourceArn: `arn:aws:logs:us-east-1:${A}:log-group:/ecs/web`,
        tags: { team: 'a' },
      }),
      to(['logs:TagResource', `arn:aws:logs:us-east-1:${A}:log-group:/ecs/web`]),
    ],
    [
      'SNS Publish to a phone number (SMS) → *',
      rec('sns', 'Publish', { phoneNumber: '+15555550100', message: 'HIDDEN_DUE_TO_SECURITY_REASONS' }),
      to(['sns:Publish', '*']),
    ],
    [
      'EventBridge PutEvents to a bus named by ARN',
      rec('events', 'PutEvents', {
        entries: [{ eventBusName: 'arn:aws:events:us-east-1:444455556666:event-bus/central' }],
      }),
      to(['events:PutEvents', 'arn:aws:events:us-east-1:444455556666:event-bus/central']),
    ],
    // Default rule
    [
      'default rule: resources[] ARN of the action’s type wins over a pattern',
      rec(
        'iam',
        'GetRole',
        { roleName: 'r' },
        { resources: [{ type: 'AWS::IAM::Role', ARN: `arn:aws:iam::${A}:role/x/r` }] },
      ),
      to(['iam:GetRole', `arn:aws:iam::${A}:role/x/r`]),
    ],
    [
      'default rule: unknown Region and account stay * in the pattern',
      rec(
        'ecs',
        'DescribeServices',
        { cluster: 'prod', services: ['web'] },
        {
          awsRegion: undefined,
          recipientAccountId: undefined,
          userIdentity: { type: 'AssumedRole' },
        },
      ),
      to(['ecs:DescribeServices', 'arn:aws:ecs:*:*:service/*/*']),
    ],
    [
      'default rule: an action whose only resource type is optional → *',
      rec('monitoring', 'GetMetricData', { metricDataQueries: [] }),
      to(['cloudwatch:GetMetricData', '*']),
    ],
  ])('%s', (_id, record, expected) => {
    expect(mapEvent(record, catalog)).toEqual(expected);
  });
});

describe('records that prove no permission, or cannot be mapped', () => {
  it.each<[string, CloudTrailRecord, EventMapping['kind']]>([
    ['console sign-in', rec('signin', 'ConsoleLogin', null, { eventType: 'AwsConsoleSignIn' }), 'none'],
    [
      'network activity event',
      rec('s3', 'GetObject', { bucketName: 'b' }, { eventType: 'AwsVpceEvent' }),
      'none',
    ],
    ['AssumeRoleWithWebIdentity (trust policy only)', rec('sts', 'AssumeRoleWithWebIdentity', {}), 'none'],
    ['a record without eventName', rec('s3', '', {}), 'unmapped'],
    [
      'PartiQL that is no statement',
      rec('dynamodb', 'ExecuteStatement', { statement: 'EXPLAIN x' }),
      'unmapped',
    ],
    ['TransactWriteItems without items', rec('dynamodb', 'TransactWriteItems', {}), 'unmapped'],
    ['an unknown S3 event', rec('s3', 'GetBucketFluxCapacitor', { bucketName: 'b' }), 'unmapped'],
  ])('%s → %s', (_id, record, kind) => {
    expect(mapEvent(record, catalog).kind).toBe(kind);
  });
});
