import { describe, expect, it } from 'vitest';
import { fixtureRecordsOf, mappedTo, onlyRecord } from '../../../../test/support/fixture-mapping.js';
import { loadCatalog } from '../../../catalog/index.js';
import type { EventMapping } from '../../../model/cloudtrail.js';
import { mapEvent } from './index.js';

const catalog = loadCatalog();

const ACCOUNT = '111122223333';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const KEY2 = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;
const TABLE = (name: string) => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${name}`;

describe('seed: a task role reads my-app-data-bucket', () => {
  it('GetObject, HeadObject and ListObjectsV2 → s3:GetObject on the objects, s3:ListBucket on the bucket', () => {
    const got = fixtureRecordsOf('seed-my-app-data-bucket.json').map((r) => mapEvent(r, catalog));
    expect(got).toEqual([
      mappedTo(['s3:GetObject', 'arn:aws:s3:::my-app-data-bucket/reports/2025/q2.csv']),
      mappedTo(['s3:GetObject', 'arn:aws:s3:::my-app-data-bucket/config/app.json']),
      mappedTo(['s3:ListBucket', 'arn:aws:s3:::my-app-data-bucket']),
    ]);
  });
});

describe('mapEvent on real-format records', () => {
  it.each<[string, string, EventMapping]>([
    // S3
    [
      'S3 GetObject (aws-facts sample b) → s3:GetObject on the object ARN',
      's3-get-object.json',
      mappedTo(['s3:GetObject', 'arn:aws:s3:::app-bucket/data/file.json']),
    ],
    [
      'S3 ListObjects with list-type 2 (verbatim AccessDenied) → s3:ListBucket on the bucket, not the ARNPrefix',
      's3-list-objects-v2-access-denied.json',
      mappedTo(['s3:ListBucket', 'arn:aws:s3:::emergency-data-recovery']),
    ],
    [
      'S3 PutObject AccessDenied (sample c) → s3:PutObject on the object',
      's3-put-object-access-denied.json',
      mappedTo(['s3:PutObject', 'arn:aws:s3:::app-bucket/out/report.csv']),
    ],
    [
      'S3 HeadObject with versionId → s3:GetObjectVersion ("To use HEAD, you must have s3:GetObject")',
      's3-head-object-version.json',
      mappedTo(['s3:GetObjectVersion', 'arn:aws:s3:::app-bucket/data/file.json']),
    ],
    [
      'S3 CopyObject → GetObjectVersion on the URL-decoded source (?versionId=) + PutObject on the target',
      's3-copy-object-version.json',
      mappedTo(
        ['s3:GetObjectVersion', 'arn:aws:s3:::src-bucket/incoming/report final.csv'],
        ['s3:PutObject', 'arn:aws:s3:::app-bucket/archive/2025/report.csv'],
      ),
    ],
    [
      'S3 UploadPartCopy → GetObject on the source (leading / dropped) + PutObject on the target',
      's3-upload-part-copy.json',
      mappedTo(
        ['s3:GetObject', 'arn:aws:s3:::src-bucket/big/object.bin'],
        ['s3:PutObject', 'arn:aws:s3:::app-bucket/big/object.bin'],
      ),
    ],
    [
      'S3 PutObject with x-amz-tagging and x-amz-acl → + s3:PutObjectTagging, s3:PutObjectAcl (S3 API ref PutObject)',
      's3-put-object-tagging-acl.json',
      mappedTo(
        ['s3:PutObject', 'arn:aws:s3:::app-bucket/out/tagged.json'],
        ['s3:PutObjectTagging', 'arn:aws:s3:::app-bucket/out/tagged.json'],
        ['s3:PutObjectAcl', 'arn:aws:s3:::app-bucket/out/tagged.json'],
      ),
    ],
    [
      'S3 DeleteObject with versionId → s3:DeleteObjectVersion',
      's3-delete-object-version.json',
      mappedTo(['s3:DeleteObjectVersion', 'arn:aws:s3:::app-bucket/tmp/old.json']),
    ],
    [
      'S3 DeleteObjects → s3:DeleteObject on BUCKET/* (keys are not logged)',
      's3-delete-objects.json',
      mappedTo(['s3:DeleteObject', 'arn:aws:s3:::app-bucket/*']),
    ],
    [
      'S3 ListObjectVersions → s3:ListBucketVersions on the bucket',
      's3-list-object-versions.json',
      mappedTo(['s3:ListBucketVersions', 'arn:aws:s3:::app-bucket']),
    ],
    [
      'S3 ListParts → s3:ListMultipartUploadParts on the object',
      's3-list-parts.json',
      mappedTo(['s3:ListMultipartUploadParts', 'arn:aws:s3:::app-bucket/big/object.bin']),
    ],
    [
      'S3 ListBuckets → s3:ListAllMyBuckets on *',
      's3-list-buckets.json',
      mappedTo(['s3:ListAllMyBuckets', '*']),
    ],
    [
      'S3 GetBucketEncryption → s3:GetEncryptionConfiguration on the bucket',
      's3-get-bucket-encryption.json',
      mappedTo(['s3:GetEncryptionConfiguration', 'arn:aws:s3:::app-bucket']),
    ],
    [
      'S3 DeleteBucketCors → s3:PutBucketCORS on the bucket',
      's3-delete-bucket-cors.json',
      mappedTo(['s3:PutBucketCORS', 'arn:aws:s3:::app-bucket']),
    ],
    [
      'S3 GetBucketPolicy (not in the table) → same-named action on the bucket',
      's3-get-bucket-policy.json',
      mappedTo(['s3:GetBucketPolicy', 'arn:aws:s3:::app-bucket']),
    ],
    // KMS
    [
      'KMS Decrypt invoked by S3 (sample d) → kms:Decrypt on the key',
      'kms-decrypt-via-s3.json',
      mappedTo(['kms:Decrypt', KEY]),
    ],
    [
      'KMS GenerateDataKey by alias, denied, no resources[] → every key of the account and Region (an alias ARN never grants a key)',
      'kms-generate-data-key-alias-denied.json',
      mappedTo(['kms:GenerateDataKey', `arn:aws:kms:us-east-1:${ACCOUNT}:key/*`]),
    ],
    [
      'KMS Encrypt by bare key ID → the key ARN in the caller account and Region',
      'kms-encrypt-key-id.json',
      mappedTo(['kms:Encrypt', KEY]),
    ],
    [
      'KMS ReEncrypt → kms:ReEncryptFrom on the source + kms:ReEncryptTo on the destination',
      'kms-reencrypt.json',
      mappedTo(['kms:ReEncryptFrom', KEY], ['kms:ReEncryptTo', KEY2]),
    ],
    // DynamoDB
    [
      'DynamoDB PutItem (aws-facts sample) → dynamodb:PutItem on the table',
      'dynamodb-put-item.json',
      mappedTo(['dynamodb:PutItem', TABLE('Orders')]),
    ],
    [
      'DynamoDB Query with indexName → table/NAME/index/INDEX',
      'dynamodb-query-index.json',
      mappedTo(['dynamodb:Query', `${TABLE('Orders')}/index/ByCustomer`]),
    ],
    [
      'DynamoDB BatchWriteItem → dynamodb:BatchWriteItem on every table of requestItems',
      'dynamodb-batch-write-item.json',
      mappedTo(['dynamodb:BatchWriteItem', TABLE('Orders')], ['dynamodb:BatchWriteItem', TABLE('AuditLog')]),
    ],
    [
      'DynamoDB TransactWriteItems (DG log layout, mixed key case) → per item Put/Update/Delete/ConditionCheck',
      'dynamodb-transact-write-items.json',
      mappedTo(
        ['dynamodb:PutItem', TABLE('Orders')],
        ['dynamodb:UpdateItem', TABLE('Inventory')],
        ['dynamodb:DeleteItem', TABLE('Carts')],
        ['dynamodb:ConditionCheckItem', TABLE('Customers')],
      ),
    ],
    [
      'DynamoDB ExecuteStatement SELECT on "Table"."Index" → dynamodb:PartiQLSelect on the index',
      'dynamodb-execute-statement-index.json',
      mappedTo(['dynamodb:PartiQLSelect', `${TABLE('Orders')}/index/ByCustomer`]),
    ],
    [
      'DynamoDB BatchExecuteStatement (DG log layout) → PartiQLUpdate + PartiQLInsert by verb',
      'dynamodb-batch-execute-statement.json',
      mappedTo(['dynamodb:PartiQLUpdate', TABLE('Music')], ['dynamodb:PartiQLInsert', TABLE('Music')]),
    ],
    [
      'DynamoDB Streams GetRecords → dynamodb:GetRecords on the stream ARN the shard iterator starts with',
      'dynamodb-streams-get-records.json',
      mappedTo(['dynamodb:GetRecords', `${TABLE('Orders')}/stream/2025-05-30T08:02:47.428`]),
    ],
    // SQS, SNS
    [
      'SQS SendMessage (SQS DG sample) → sqs:SendMessage on the queue ARN from queueUrl',
      'sqs-send-message.json',
      mappedTo(['sqs:SendMessage', 'arn:aws:sqs:ap-southeast-4:123456789012:MyQueue']),
    ],
    [
      'SQS DeleteMessageBatch on a legacy REGION.queue.amazonaws.com URL → sqs:DeleteMessage (batch grants)',
      'sqs-delete-message-batch-legacy-url.json',
      mappedTo(['sqs:DeleteMessage', `arn:aws:sqs:us-west-2:${ACCOUNT}:jobs`]),
    ],
    [
      'SNS Publish → sns:Publish on the topic',
      'sns-publish.json',
      mappedTo(['sns:Publish', `arn:aws:sns:us-east-1:${ACCOUNT}:order-events`]),
    ],
    // Secrets Manager
    [
      'Secrets Manager GetSecretValue by name (sample a) → secret:NAME-?????? pattern',
      'secretsmanager-get-secret-value.json',
      mappedTo([
        'secretsmanager:GetSecretValue',
        `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/payments/api-key-??????`,
      ]),
    ],
    [
      'Secrets Manager GetSecretValue by partial ARN (other account) → ARN + -??????',
      'secretsmanager-get-secret-value-partial-arn.json',
      mappedTo([
        'secretsmanager:GetSecretValue',
        'arn:aws:secretsmanager:eu-west-1:444455556666:secret:shared/api-token-??????',
      ]),
    ],
    [
      'Secrets Manager DescribeSecret by full ARN → the ARN as is',
      'secretsmanager-describe-secret-full-arn.json',
      mappedTo([
        'secretsmanager:DescribeSecret',
        `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-AbCdEf`,
      ]),
    ],
    [
      'Secrets Manager CreateSecret with the pre-2024 "aRN" response key → the full ARN',
      'secretsmanager-create-secret-legacy-arn-key.json',
      mappedTo([
        'secretsmanager:CreateSecret',
        `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/new-secret-Ab12Cd`,
      ]),
    ],
    [
      'Secrets Manager BatchGetSecretValue → batch action + GetSecretValue per secret + ListSecrets for filters',
      'secretsmanager-batch-get-secret-value.json',
      mappedTo(
        ['secretsmanager:BatchGetSecretValue', '*'],
        [
          'secretsmanager:GetSecretValue',
          `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-??????`,
        ],
        [
          'secretsmanager:GetSecretValue',
          `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/api-XyZ123`,
        ],
        ['secretsmanager:ListSecrets', '*'],
      ),
    ],
    // SSM
    [
      'SSM GetParameters → per parameter, leading / dropped, :version selector dropped',
      'ssm-get-parameters.json',
      mappedTo(
        ['ssm:GetParameters', `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/prod/app/api_url`],
        ['ssm:GetParameters', `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/db-host`],
      ),
    ],
    [
      'SSM GetParametersByPath → the path itself, trailing / kept ("authorizes against the path")',
      'ssm-get-parameters-by-path.json',
      mappedTo([
        'ssm:GetParametersByPath',
        `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/aft/account-request/custom-fields/`,
      ]),
    ],
    [
      'SSM GetParameter on a public /aws/service parameter → no account in the ARN',
      'ssm-get-parameter-public.json',
      mappedTo([
        'ssm:GetParameter',
        'arn:aws:ssm:us-east-1::parameter/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended',
      ]),
    ],
    // Logs, ECR
    [
      'CloudWatch Logs PutLogEvents → the log-stream ARN',
      'logs-put-log-events.json',
      mappedTo([
        'logs:PutLogEvents',
        `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/web:log-stream:web/app/8f2b6e1c9d4a4b7e9c3d2a1b0f9e8d7c`,
      ]),
    ],
    [
      'CloudWatch Logs CreateLogGroup → the log-group ARN with the trailing :* policies use (CloudWatch Logs UG iam-access-control-overview-cwl)',
      'logs-create-log-group.json',
      mappedTo(['logs:CreateLogGroup', `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/web:*`]),
    ],
    [
      'ECR GetAuthorizationToken → * (no resource type)',
      'ecr-get-authorization-token.json',
      mappedTo(['ecr:GetAuthorizationToken', '*']),
    ],
    [
      'ECR BatchGetImage → the repository ARN in registryId',
      'ecr-batch-get-image.json',
      mappedTo(['ecr:BatchGetImage', `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/web`]),
    ],
    // STS
    [
      'STS AssumeRole by ECS (flaws2 record) → sts:AssumeRole on requestParameters.roleArn',
      'sts-assume-role-by-ecs.json',
      mappedTo(['sts:AssumeRole', 'arn:aws:iam::653711331788:role/level3']),
    ],
    [
      'STS AssumeRole with tags and sourceIdentity → + sts:TagSession, sts:SetSourceIdentity',
      'sts-assume-role-chained-tags.json',
      mappedTo(
        ['sts:AssumeRole', 'arn:aws:iam::444455556666:role/reporting/cross-account-reader'],
        ['sts:TagSession', 'arn:aws:iam::444455556666:role/reporting/cross-account-reader'],
        ['sts:SetSourceIdentity', 'arn:aws:iam::444455556666:role/reporting/cross-account-reader'],
      ),
    ],
    ['STS GetCallerIdentity → no permission', 'sts-get-caller-identity.json', { kind: 'none' }],
    // Lambda, Kinesis, Firehose, EventBridge, Step Functions
    [
      'Lambda Invoke by partial ARN + qualifier → lambda:InvokeFunction on the qualified function ARN',
      'lambda-invoke-partial-arn.json',
      mappedTo(['lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:resize-image:live`]),
    ],
    [
      'Lambda ListVersionsByFunction20150331 → version suffix stripped, on the function',
      'lambda-list-versions-by-function.json',
      mappedTo([
        'lambda:ListVersionsByFunction',
        `arn:aws:lambda:us-east-1:${ACCOUNT}:function:resize-image`,
      ]),
    ],
    [
      'Kinesis PutRecords by streamName → the stream ARN',
      'kinesis-put-records.json',
      mappedTo(['kinesis:PutRecords', `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/clickstream`]),
    ],
    [
      'Firehose PutRecordBatch → the delivery stream ARN',
      'firehose-put-record-batch.json',
      mappedTo([
        'firehose:PutRecordBatch',
        `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/app-logs-to-s3`,
      ]),
    ],
    [
      'EventBridge PutEvents → each entry bus; no eventBusName is the default bus',
      'events-put-events.json',
      mappedTo(
        ['events:PutEvents', `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders`],
        ['events:PutEvents', `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`],
      ),
    ],
    [
      'Step Functions StartExecution → the state machine ARN',
      'states-start-execution.json',
      mappedTo([
        'states:StartExecution',
        `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:order-fulfilment`,
      ]),
    ],
    [
      'Step Functions DescribeExecution → the execution ARN',
      'states-describe-execution.json',
      mappedTo([
        'states:DescribeExecution',
        `arn:aws:states:us-east-1:${ACCOUNT}:execution:order-fulfilment:order-42`,
      ]),
    ],
    // The default rule
    [
      'default rule: monitoring.amazonaws.com → cloudwatch:PutMetricData on * (eventSource ≠ prefix)',
      'monitoring-put-metric-data.json',
      mappedTo(['cloudwatch:PutMetricData', '*']),
    ],
    [
      'default rule: ECS DescribeTasks → the task ARN named in requestParameters',
      'ecs-describe-tasks.json',
      mappedTo([
        'ecs:DescribeTasks',
        `arn:aws:ecs:us-east-1:${ACCOUNT}:task/prod/8f2b6e1c9d4a4b7e9c3d2a1b0f9e8d7c`,
      ]),
    ],
    [
      'default rule: IAM GetRole by name only → the role-type pattern in the caller account',
      'iam-get-role.json',
      mappedTo(['iam:GetRole', `arn:aws:iam::${ACCOUNT}:role/*`]),
    ],
    [
      'default rule: CloudFront UpdateDistribution2016_11_25 → suffix stripped, distribution pattern',
      'cloudfront-update-distribution.json',
      mappedTo(['cloudfront:UpdateDistribution', `arn:aws:cloudfront::${ACCOUNT}:distribution/*`]),
    ],
    [
      'an AwsServiceEvent is no call by the caller → none',
      'kms-rotate-key-service-event.json',
      { kind: 'none' },
    ],
  ])('%s', (_id, file, expected) => {
    expect(mapEvent(onlyRecord(file), catalog)).toEqual(expected);
  });
});

describe('events nobody can map are unmapped, never invented', () => {
  it.each([
    ['an eventName the catalogue does not know', 'ec2-unknown-event.json', 'ec2:DescribeFluxCapacitors'],
    ['an eventSource with no IAM service', 'unknown-service.json', 'flux'],
  ])('%s', (_id, file, mention) => {
    const got = mapEvent(onlyRecord(file), catalog);
    expect(got.kind).toBe('unmapped');
    expect(got.kind === 'unmapped' && got.reason).toContain(mention);
  });
});
