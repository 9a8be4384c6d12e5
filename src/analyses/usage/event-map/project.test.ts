/**
 * The projection Athena mode maps (project.ts) keeps everything the event map reads: on every
 * fixture record, every record of the trail-file fixtures, every row of every service table, the
 * fallback samples and records naming each declared key, in their logged key case and in others,
 * `mapEvent(projectRecord(r))` equals `mapEvent(r)`. And every declared key is needed: without it,
 * some record maps differently.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { labelledFixtureRecords } from '../../../../test/support/fixture-records.js';
import { loadCatalog } from '../../../catalog/index.js';
import type { CloudTrailRecord } from '../../../model/cloudtrail.js';
import { ACCOUNT, BASE, fallbackSamples, KEY, KEY2, record, rowRecords, rows } from './examples.js';
import { mapEvent, SERVICE_MAPPINGS } from './index.js';
import { projectObject, projectRecord, READS_BY_SOURCE, readsFor, responseReadsFor } from './project.js';

const catalog = loadCatalog();

type Labelled = readonly [label: string, record: CloudTrailRecord];

function tableRecords(): Labelled[] {
  return [
    ...rows.flatMap(([source, name]) =>
      rowRecords(source, name).map((r, i) => [`table ${source} ${name}#${i}`, r] as const),
    ),
    ...fallbackSamples.map(
      ([source, name]) => [`fallback ${source} ${name}`, record(source, name, BASE[source]!)] as const,
    ),
  ];
}

const OTHER = '444455556666';
const AP = `arn:aws:s3:us-east-1:${ACCOUNT}:accesspoint/reports-ap`;
const STREAM_ARN = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/clickstream`;

/** A record of `source.amazonaws.com` with these parameters (and more fields). */
function rec(
  source: string,
  eventName: string,
  params: Record<string, unknown> | null | undefined,
  more: Partial<CloudTrailRecord> = {},
): CloudTrailRecord {
  const r: CloudTrailRecord = {
    eventTime: '2025-06-01T10:00:00Z',
    eventSource: `${source}.amazonaws.com`,
    eventName,
    awsRegion: 'us-east-1',
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
    userIdentity: { type: 'AssumedRole', accountId: ACCOUNT },
    ...more,
  };
  if (params !== undefined) r.requestParameters = params;
  return r;
}

/** Records naming each declared key in a form only that key decides (the table rows share one base). */
const KEY_RECORDS: Labelled[] = [
  // S3: each ACL header alone; access points; copy source from resources[].
  ...['x-amz-grant-full-control', 'x-amz-grant-read', 'x-amz-grant-read-acp', 'x-amz-grant-write-acp'].map(
    (h) => [`s3 PutObject ${h}`, rec('s3', 'PutObject', { bucketName: 'b', key: 'k', [h]: 'id=x' })] as const,
  ),
  ['s3 GetObject via access point', rec('s3', 'GetObject', { bucketName: AP, key: 'q2/summary.csv' })],
  [
    's3 PutObject via access point in resources[]',
    rec(
      's3',
      'PutObject',
      { bucketName: 'reports-bucket', key: 'q2/summary.csv' },
      {
        resources: [
          { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::reports-bucket/q2/summary.csv' },
          { type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::reports-bucket', accountId: ACCOUNT },
          { type: 'AWS::S3::AccessPoint', ARN: AP, accountId: ACCOUNT },
        ],
      },
    ),
  ],
  [
    's3 CopyObject, source in resources[]',
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
  ],
  [
    's3 CopyObject from an access point object',
    rec('s3', 'CopyObject', {
      bucketName: 'dst',
      key: 'k',
      'x-amz-copy-source': encodeURIComponent(`${AP}/object/reports/january.pdf`),
    }),
  ],
  [
    's3 GetObject, no requestParameters',
    rec('s3', 'GetObject', null, { resources: [{ ARN: 'arn:aws:s3:::b/k' }] }),
  ],
  [
    's3 GetObjectRetention via access point (resolver)',
    rec('s3', 'GetObjectRetention', { bucketName: AP, key: 'k', versionId: 'v1' }),
  ],
  // KMS: bare key IDs, aliases.
  [
    'kms ReEncrypt by bare key IDs',
    rec('kms', 'ReEncrypt', {
      sourceKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
      destinationKeyId: '0987dcba-09fe-87dc-65ba-ab0987654321',
    }),
  ],
  [
    'kms Decrypt by alias ARN',
    rec('kms', 'Decrypt', { keyId: `arn:aws:kms:eu-west-1:${OTHER}:alias/shared` }),
  ],
  [
    'kms Encrypt by alias resolved in resources[]',
    rec('kms', 'Encrypt', { keyId: 'alias/app-data' }, { resources: [{ type: 'AWS::KMS::Key', ARN: KEY }] }),
  ],
  ['kms DeleteAlias', rec('kms', 'DeleteAlias', { aliasName: 'alias/app-data' })],
  [
    'kms UpdateAlias by key ARN',
    rec('kms', 'UpdateAlias', { aliasName: 'alias/app-data', targetKeyId: KEY2 }),
  ],
  [
    'kms CreateAlias by bare key ID',
    rec('kms', 'CreateAlias', {
      aliasName: 'alias/app-data',
      targetKeyId: '0987dcba-09fe-87dc-65ba-ab0987654321',
    }),
  ],
  ['kms DescribeKey by bare ID (resolver: ListAliases)', rec('kms', 'ListAliases', { keyId: 'abcd' })],
  [
    'kms CreateGrant by bare ID',
    rec('kms', 'CreateGrant', { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }),
  ],
  // DynamoDB: API shapes, ARNs, resourceArn.
  [
    'dynamodb BatchExecuteStatement, API shape',
    rec('dynamodb', 'BatchExecuteStatement', {
      Statements: [{ Statement: 'SELECT * FROM Orders WHERE pk = ?' }],
    }),
  ],
  [
    'dynamodb BatchExecuteStatement, statements',
    rec('dynamodb', 'BatchExecuteStatement', { statements: ['INSERT INTO "Music" VALUE {}'] }),
  ],
  [
    'dynamodb ExecuteTransaction, API shape',
    rec('dynamodb', 'ExecuteTransaction', {
      TransactStatements: [{ Statement: 'DELETE FROM Carts WHERE pk = ?' }],
    }),
  ],
  [
    'dynamodb TransactGetItems, mixed key case',
    rec('dynamodb', 'TransactGetItems', {
      TransactItems: [{ Get: { TableName: 'Orders' } }, { get: { tableName: 'Customers' } }],
    }),
  ],
  [
    'dynamodb BatchWriteItem, API shape',
    rec('dynamodb', 'BatchWriteItem', { RequestItems: { Orders: [], AuditLog: [] } }),
  ],
  [
    'dynamodb GetItem by table ARN',
    rec('dynamodb', 'GetItem', { tableName: `arn:aws:dynamodb:us-east-1:${OTHER}:table/Shared` }),
  ],
  [
    'dynamodb TagResource by resourceArn (resolver)',
    rec('dynamodb', 'TagResource', {
      resourceArn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Orders`,
      tags: [{ key: 'team', value: 'payments' }],
    }),
  ],
  ['dynamodb DescribeTable by name (resolver)', rec('dynamodb', 'DescribeTable', { tableName: 'Orders' })],
  ['dynamodb Scan on an index', rec('dynamodb', 'Scan', { tableName: 'Orders', indexName: 'ByDate' })],
  ['dynamodb TransactWriteItems without items', rec('dynamodb', 'TransactWriteItems', {})],
  [
    'dynamodb streams GetShardIterator by streamArn',
    rec('streams.dynamodb', 'GetShardIterator', {
      streamArn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Orders/stream/2025-05-30T08:02:47.428`,
    }),
  ],
  // SQS, SNS.
  [
    'sqs GetQueueUrl in another account',
    rec('sqs', 'GetQueueUrl', { queueName: 'shared-jobs', queueOwnerAWSAccountId: OTHER }),
  ],
  ['sqs CreateQueue by name', rec('sqs', 'CreateQueue', { queueName: 'jobs', attributes: {} })],
  ['sns CreateTopic by name', rec('sns', 'CreateTopic', { name: 'order-events' })],
  [
    'sns Publish to a platform endpoint',
    rec('sns', 'Publish', { targetArn: `arn:aws:sns:us-east-1:${ACCOUNT}:endpoint/GCM/app/abc` }),
  ],
  ['sns Publish by SMS', rec('sns', 'Publish', { phoneNumber: '+15555550100', message: 'HIDDEN' })],
  // Secrets Manager.
  [
    'secretsmanager CreateSecret by name, response ARN',
    rec(
      'secretsmanager',
      'CreateSecret',
      { name: 'prod/new' },
      {
        responseElements: {
          arn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/new-Ab12Cd`,
          name: 'x',
        },
      },
    ),
  ],
  [
    'secretsmanager CreateSecret denied, no response',
    rec('secretsmanager', 'CreateSecret', { name: 'prod/new' }, { errorCode: 'AccessDenied' }),
  ],
  [
    'secretsmanager BatchGetSecretValue by names',
    rec('secretsmanager', 'BatchGetSecretValue', { secretIdList: ['prod/db', 'prod/api'] }),
  ],
  [
    'secretsmanager UpdateSecret by name, response ARN (resolver)',
    rec(
      'secretsmanager',
      'UpdateSecret',
      { secretId: 'prod/db' },
      { responseElements: { ARN: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-Zz99Yy` } },
    ),
  ],
  [
    'secretsmanager BatchGetSecretValue, filters only',
    rec('secretsmanager', 'BatchGetSecretValue', { Filters: [{ key: 'tag-key', values: ['app'] }] }),
  ],
  // SSM, Logs, ECR.
  [
    'ssm GetParameter by ARN with a label',
    rec('ssm', 'GetParameter', { name: `arn:aws:ssm:us-east-1:${OTHER}:parameter/x:prod` }),
  ],
  ['ssm DeleteParameters', rec('ssm', 'DeleteParameters', { names: ['a', '/b'] })],
  [
    'logs CreateLogStream by logGroupIdentifier name',
    rec('logs', 'CreateLogStream', { logGroupIdentifier: '/ecs/web', logStreamName: 's1' }),
  ],
  [
    'logs CreateLogStream by logGroupIdentifier ARN',
    rec('logs', 'CreateLogStream', {
      logGroupIdentifier: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/web:*`,
      logStreamName: 's1',
    }),
  ],
  [
    'logs StartQuery by logGroupIdentifiers',
    rec('logs', 'StartQuery', {
      logGroupIdentifiers: ['/ecs/api', `arn:aws:logs:us-east-1:${OTHER}:log-group:/shared`],
    }),
  ],
  [
    'logs StartQuery by logGroupNames',
    rec('logs', 'StartQuery', { logGroupNames: ['/ecs/api', '/ecs/web'] }),
  ],
  [
    'logs StartQuery by logGroupIdentifiers names',
    rec('logs', 'StartQuery', { logGroupIdentifiers: ['/ecs/api'] }),
  ],
  ['logs StartQuery by logGroupName', rec('logs', 'StartQuery', { logGroupName: '/ecs/web' })],
  [
    'logs DescribeLogStreams (resolver)',
    rec('logs', 'DescribeLogStreams', { logGroupIdentifier: '/ecs/web' }),
  ],
  [
    'ecr BatchGetImage in another registry',
    rec('ecr', 'BatchGetImage', { registryId: OTHER, repositoryName: 'shared/base' }),
  ],
  // STS.
  [
    'sts AssumeRole with transitive tag keys only',
    rec('sts', 'AssumeRole', {
      roleArn: `arn:aws:iam::${OTHER}:role/r`,
      roleSessionName: 's',
      transitiveTagKeys: ['team'],
    }),
  ],
  [
    'sts AssumeRole with tags only',
    rec('sts', 'AssumeRole', { roleArn: `arn:aws:iam::${OTHER}:role/r`, tags: [{ key: 'a' }] }),
  ],
  // Lambda, Kinesis, Firehose.
  ['lambda Invoke by NAME:ALIAS', rec('lambda', 'Invoke', { functionName: 'f:live' })],
  [
    'lambda GetFunction with a qualifier (resolver)',
    rec('lambda', 'GetFunction', { functionName: 'f', qualifier: '3' }),
  ],
  [
    'kinesis DescribeStreamSummary by streamARN',
    rec('kinesis', 'DescribeStreamSummary', { streamARN: STREAM_ARN }),
  ],
  [
    'kinesis PutRecord by streamArn',
    rec('kinesis', 'PutRecord', { streamArn: STREAM_ARN, partitionKey: 'p' }),
  ],
  [
    'kinesis DescribeStreamConsumer by consumerARN',
    rec('kinesis', 'DescribeStreamConsumer', { consumerARN: `${STREAM_ARN}/consumer/app:1700000000` }),
  ],
  [
    'kinesis SubscribeToShard by consumerArn',
    rec('kinesis', 'SubscribeToShard', {
      consumerArn: `${STREAM_ARN}/consumer/app:1700000000`,
      shardId: 's',
    }),
  ],
  [
    'firehose PutRecord by deliveryStreamARN',
    rec('firehose', 'PutRecord', {
      deliveryStreamARN: `arn:aws:firehose:us-east-1:${OTHER}:deliverystream/central`,
    }),
  ],
  // EventBridge.
  ['events DescribeEventBus by name', rec('events', 'DescribeEventBus', { name: 'orders' })],
  [
    'events PutTargets on a custom bus',
    rec('events', 'PutTargets', { rule: 'r', eventBusName: 'orders', targets: [] }),
  ],
  [
    'events DescribeRule on a bus named by ARN',
    rec('events', 'DescribeRule', {
      name: 'r',
      eventBusName: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders`,
    }),
  ],
  [
    'events PutRule on the default bus',
    rec('events', 'PutRule', { name: 'nightly', scheduleExpression: 'rate(1 day)' }),
  ],
  [
    'events PutEvents, API key case',
    rec('events', 'PutEvents', { Entries: [{ EventBusName: 'orders' }, {}] }),
  ],
  // Default rule and odd shapes.
  [
    'ecs DescribeServices, ARN list',
    rec('ecs', 'DescribeServices', {
      cluster: 'prod',
      services: [`arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/web`, 'api'],
    }),
  ],
  ['iam GetRole by name', rec('iam', 'GetRole', { roleName: 'r' })],
  ['s3 GetObject, requestParameters absent', rec('s3', 'GetObject', undefined)],
  ['s3 ListBuckets, empty requestParameters', rec('s3', 'ListBuckets', {})],
  ['console sign-in', rec('signin', 'ConsoleLogin', null, { eventType: 'AwsConsoleSignIn' })],
];

/** Top-level keys renamed: request and response keys alike. */
function renameKeys(r: CloudTrailRecord, rename: (k: string) => string): CloudTrailRecord {
  const rekey = (o: Record<string, unknown> | null | undefined) =>
    o && typeof o === 'object' && !Array.isArray(o)
      ? Object.fromEntries(Object.entries(o).map(([k, v]) => [rename(k), v]))
      : o;
  return { ...r, requestParameters: rekey(r.requestParameters), responseElements: rekey(r.responseElements) };
}

const upperFirst = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);
/** `arn` → `aRN`, `tableName` → `tABLENAME`: the pre-2024 Secrets Manager spelling and worse. */
const invertTail = (k: string) => k.charAt(0) + k.slice(1).toUpperCase();

/** The record, and the same with its top-level keys in other cases (TableName, aRN). */
function variants([label, r]: Labelled): Labelled[] {
  return [
    [label, r],
    [`${label} (UpperFirst keys)`, renameKeys(r, upperFirst)],
    [`${label} (xUPPER keys)`, renameKeys(r, invertTail)],
    [`${label} (lower keys)`, renameKeys(r, (k) => k.toLowerCase())],
  ];
}

const ALL_FIXTURES = labelledFixtureRecords();
const FIXTURES = ALL_FIXTURES.filter(([label]) => label.startsWith('records/'));
const TRAIL_FILES = ALL_FIXTURES.filter(([label]) => label.startsWith('files/'));
const TABLES = tableRecords();
const CORPUS: Labelled[] = [...FIXTURES, ...TRAIL_FILES, ...TABLES, ...KEY_RECORDS];

describe('projectRecord keeps what mapEvent reads', () => {
  it('the corpus holds fixture records, trail-file records, every table row and the key records', () => {
    expect(FIXTURES.length).toBeGreaterThan(50);
    expect(TRAIL_FILES.length).toBeGreaterThan(10);
    expect(TABLES.length).toBeGreaterThan(300);
    const sources = new Set(CORPUS.map(([, r]) => r.eventSource));
    for (const m of SERVICE_MAPPINGS) for (const s of m.eventSources) expect(sources).toContain(s);
  });

  it.each(CORPUS.flatMap(variants))('%s', (_label, r) => {
    expect(mapEvent(projectRecord(r), catalog)).toEqual(mapEvent(r, catalog));
  });
});

/** The record without one top-level key (in any case), in requestParameters or responseElements. */
function withoutKey(r: CloudTrailRecord, key: string, where: 'requestParameters' | 'responseElements') {
  const obj = r[where];
  if (!obj || typeof obj !== 'object') return undefined;
  const kept = Object.entries(obj).filter(([k]) => k.toLowerCase() !== key);
  if (kept.length === Object.keys(obj).length) return undefined;
  return { ...r, [where]: Object.fromEntries(kept) };
}

/** The projection with one key left out of the service's reads (the ARN rule still applies). */
function projectedWithout(r: CloudTrailRecord, key: string): CloudTrailRecord | undefined {
  const params = r.requestParameters;
  if (!params || typeof params !== 'object' || !Object.keys(params).some((k) => k.toLowerCase() === key))
    return undefined;
  const reads = readsFor(r.eventSource).filter((k) => k !== key);
  return { ...projectRecord(r), requestParameters: projectObject(params, reads) };
}

/**
 * Keys a handler reads whose values are ARNs whenever the handler can use them: the ARN rule keeps
 * them anyway, so leaving them out of `reads` changes no projection. They stay declared because
 * the handlers read them by name (the SQL must not depend on the value's form).
 */
const ARN_VALUED = new Set([
  'dynamodb.amazonaws.com resourcearn',
  'dynamodb.amazonaws.com sharditerator',
  'dynamodb.amazonaws.com streamarn',
  'sns.amazonaws.com topicarn',
  'sns.amazonaws.com targetarn',
  'sts.amazonaws.com rolearn',
  'kinesis.amazonaws.com streamarn',
  'kinesis.amazonaws.com consumerarn',
  'firehose.amazonaws.com deliverystreamarn',
  'states.amazonaws.com statemachinearn',
  'states.amazonaws.com executionarn',
]);

describe('every declared key is needed', () => {
  const declared = SERVICE_MAPPINGS.flatMap((m) => [
    ...m.reads.map((key) => [m.eventSources.join(' '), key, 'requestParameters'] as const),
    ...(m.responseReads ?? []).map((key) => [m.eventSources.join(' '), key, 'responseElements'] as const),
  ]);

  it('keys are lower case, listed once', () => {
    for (const m of SERVICE_MAPPINGS) {
      for (const keys of [m.reads, m.responseReads ?? []]) {
        for (const k of keys) expect(k).toBe(k.toLowerCase());
        expect(new Set(keys).size).toBe(keys.length);
      }
    }
  });

  it.each(declared)('%s: %s (%s)', (sources, key, where) => {
    const ofService = CORPUS.filter(([, r]) => sources.split(' ').includes(r.eventSource));
    // Without the key, some record of the service maps differently: a handler reads it.
    const changed = ofService.filter(([, r]) => {
      const without = withoutKey(r, key, where);
      return without !== undefined && !equalMappings(without, r);
    });
    expect(
      changed.map(([label]) => label),
      `no record needs ${key}`,
    ).not.toHaveLength(0);
    if (where === 'responseElements') return;
    // Left out of the reads, the projection loses it for some record, unless its values are ARNs.
    const lost = ofService.filter(([, r]) => {
      const projected = projectedWithout(r, key);
      return projected !== undefined && !equalMappings(projected, r);
    });
    const arnValued = ARN_VALUED.has(`${sources.split(' ')[0]} ${key}`);
    expect(
      lost.length > 0,
      `${key}: projection without it ${arnValued ? 'changes' : 'keeps'} every mapping`,
    ).toBe(!arnValued);
  });
});

function equalMappings(a: CloudTrailRecord, b: CloudTrailRecord): boolean {
  return isDeepStrictEqual(mapEvent(a, catalog), mapEvent(b, catalog));
}

describe('projectRecord', () => {
  const full: CloudTrailRecord = {
    eventVersion: '1.09',
    eventID: 'e1',
    eventTime: '2025-06-01T10:00:00Z',
    eventSource: 'secretsmanager.amazonaws.com',
    eventName: 'CreateSecret',
    awsRegion: 'us-east-1',
    eventType: 'AwsApiCall',
    eventCategory: 'Management',
    managementEvent: true,
    readOnly: false,
    errorCode: 'AccessDenied',
    errorMessage: 'no',
    recipientAccountId: ACCOUNT,
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROA:s',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/r/s`,
      accountId: ACCOUNT,
      invokedBy: 'ecs.amazonaws.com',
      sessionContext: {
        sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/r`, userName: 'r' },
        attributes: { mfaAuthenticated: 'false' },
      },
    },
    requestParameters: {
      Name: 'prod/x',
      clientRequestToken: 't',
      kmsKeyId: KEY,
      addReplicaRegions: [{ region: 'eu-west-1' }],
      tags: ['x', KEY2],
    },
    responseElements: { aRN: 'arn:aws:secretsmanager:us-east-1:1:secret:x-Ab12Cd', versionId: 'v' },
    additionalEventData: { x: 1 },
    resources: [{ ARN: KEY, ARNPrefix: 'p', type: 'AWS::KMS::Key', accountId: ACCOUNT }],
  };

  it('keeps the listed fields, read keys (any case), ARN values and lists holding one', () => {
    expect(projectRecord(full)).toStrictEqual({
      eventID: 'e1',
      eventTime: '2025-06-01T10:00:00Z',
      eventSource: 'secretsmanager.amazonaws.com',
      eventName: 'CreateSecret',
      awsRegion: 'us-east-1',
      eventType: 'AwsApiCall',
      eventCategory: 'Management',
      managementEvent: true,
      errorCode: 'AccessDenied',
      recipientAccountId: ACCOUNT,
      userIdentity: {
        principalId: 'AROA:s',
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/r/s`,
        accountId: ACCOUNT,
        sessionContext: { sessionIssuer: { arn: `arn:aws:iam::${ACCOUNT}:role/r` } },
      },
      requestParameters: { Name: 'prod/x', kmsKeyId: KEY, tags: ['x', KEY2] },
      responseElements: { aRN: 'arn:aws:secretsmanager:us-east-1:1:secret:x-Ab12Cd' },
      resources: [{ ARN: KEY, type: 'AWS::KMS::Key' }],
    });
  });

  it('requestParameters: null when absent or not an object, {} stays {}', () => {
    for (const params of [undefined, null, 'x', ['arn:aws:s3:::b']]) {
      const r = { ...full, requestParameters: params as CloudTrailRecord['requestParameters'] };
      expect(projectRecord(r).requestParameters).toBeNull();
    }
    expect(projectRecord({ ...full, requestParameters: {} }).requestParameters).toEqual({});
    expect(
      projectRecord({ ...full, requestParameters: { clientRequestToken: 't' } }).requestParameters,
    ).toEqual({});
  });

  it('responseElements: undefined when the service reads none, or none of its keys is there', () => {
    expect(projectRecord({ ...full, eventSource: 's3.amazonaws.com' })).not.toHaveProperty(
      'responseElements',
    );
    expect(projectRecord({ ...full, responseElements: { versionId: 'v' } })).not.toHaveProperty(
      'responseElements',
    );
    expect(projectRecord({ ...full, responseElements: null })).not.toHaveProperty('responseElements');
  });

  it('a service without a table keeps only ARN values', () => {
    const r = rec('ecs', 'DescribeTasks', { cluster: 'prod', tasks: ['t', 'arn:aws:ecs:x'], include: [] });
    expect(projectRecord(r).requestParameters).toEqual({ tasks: ['t', 'arn:aws:ecs:x'] });
    expect(readsFor('ecs.amazonaws.com')).toEqual([]);
    expect(responseReadsFor('ecs.amazonaws.com')).toEqual([]);
  });

  it('READS_BY_SOURCE covers every eventSource of every service', () => {
    for (const m of SERVICE_MAPPINGS)
      for (const s of m.eventSources) expect(READS_BY_SOURCE.get(s)?.reads).toEqual(m.reads);
    expect(responseReadsFor('secretsmanager.amazonaws.com')).toEqual(['arn']);
    expect(readsFor('streams.dynamodb.amazonaws.com')).toContain('sharditerator');
  });
});
