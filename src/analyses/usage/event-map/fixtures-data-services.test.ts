/**
 * Real-format records for the KMS, DynamoDB (+ Streams), SQS and SNS table rows: each fixture under
 * test/fixtures/cloudtrail/records/ holds one record laid out as the service logs it (KMS DG
 * "Logging AWS KMS API calls" examples, DynamoDB DG "Understanding DynamoDB log file entries", SQS DG
 * "Logging Amazon SQS API calls using CloudTrail"), and each case states the exact permissions the
 * AWS documentation names for that call.
 */
import { describe, expect, it } from 'vitest';
import { mappedTo, onlyRecord } from '../../../../test/support/fixture-mapping.js';
import { loadCatalog } from '../../../catalog/index.js';
import type { EventMapping } from '../../../model/cloudtrail.js';
import { mapEvent } from './index.js';

const catalog = loadCatalog();

const ACCOUNT = '111122223333';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const KEY2 = `arn:aws:kms:us-east-1:${ACCOUNT}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;
const HMAC_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/f6e5d4c3-b2a1-4098-8765-43210fedcba9`;
const ALIAS = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/app-data`;
const TABLE = (name: string) => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${name}`;
const STREAM = `${TABLE('Orders')}/stream/2025-05-30T08:02:47.428`;
const QUEUE = (name: string, account = ACCOUNT) => `arn:aws:sqs:us-east-1:${account}:${name}`;
const TOPIC = (name: string) => `arn:aws:sns:us-east-1:${ACCOUNT}:${name}`;

describe('mapEvent on real-format KMS, DynamoDB, SQS and SNS records', () => {
  it.each<[string, string, EventMapping]>([
    // KMS
    [
      'KMS GenerateDataKeyWithoutPlaintext by key ARN → kms:GenerateDataKeyWithoutPlaintext on the key (SAR kms, KMS DG ct-generatedatakeyplaintext)',
      'kms-generate-data-key-without-plaintext.json',
      mappedTo(['kms:GenerateDataKeyWithoutPlaintext', KEY]),
    ],
    [
      'KMS GenerateDataKeyPair by alias name → kms:GenerateDataKeyPair on the key resources[] resolves (KMS DG ct-generatedatakeypair, alias-authorization)',
      'kms-generate-data-key-pair.json',
      mappedTo(['kms:GenerateDataKeyPair', KEY]),
    ],
    [
      'KMS GenerateDataKeyPairWithoutPlaintext by key ID → kms:GenerateDataKeyPairWithoutPlaintext on the key (SAR kms, KMS DG ct-generatedatakeypairwithoutplaintext)',
      'kms-generate-data-key-pair-without-plaintext.json',
      mappedTo(['kms:GenerateDataKeyPairWithoutPlaintext', KEY]),
    ],
    [
      'KMS GenerateMac by key ID → kms:GenerateMac on the HMAC key (SAR kms, KMS DG ct-generatemac)',
      'kms-generate-mac.json',
      mappedTo(['kms:GenerateMac', HMAC_KEY]),
    ],
    [
      'KMS VerifyMac by key ARN → kms:VerifyMac on the HMAC key (SAR kms, KMS DG ct-verifymac)',
      'kms-verify-mac.json',
      mappedTo(['kms:VerifyMac', HMAC_KEY]),
    ],
    [
      'KMS Sign by key ID → kms:Sign on the asymmetric key (SAR kms, KMS DG ct-sign)',
      'kms-sign.json',
      mappedTo(['kms:Sign', KEY2]),
    ],
    [
      'KMS Verify by alias ARN → kms:Verify on the key resources[] resolves, not the alias (KMS DG ct-verify, alias-authorization)',
      'kms-verify.json',
      mappedTo(['kms:Verify', KEY2]),
    ],
    [
      'KMS GetPublicKey by key ARN → kms:GetPublicKey on the key (SAR kms, KMS API ref GetPublicKey "Required permissions")',
      'kms-get-public-key.json',
      mappedTo(['kms:GetPublicKey', KEY2]),
    ],
    [
      'KMS DescribeKey by alias name → kms:DescribeKey on the key resources[] resolves (KMS DG ct-describekey, alias-authorization)',
      'kms-describe-key.json',
      mappedTo(['kms:DescribeKey', KEY]),
    ],
    [
      'KMS CreateAlias → kms:CreateAlias on the alias and on the target key (KMS DG alias-access, ct-createalias)',
      'kms-create-alias.json',
      mappedTo(['kms:CreateAlias', ALIAS], ['kms:CreateAlias', KEY]),
    ],
    [
      'KMS UpdateAlias → kms:UpdateAlias on the alias, the new key and the current key, which the record does not name: any key of the account and Region (KMS DG alias-access, ct-updatealias)',
      'kms-update-alias.json',
      mappedTo(
        ['kms:UpdateAlias', ALIAS],
        ['kms:UpdateAlias', KEY2],
        ['kms:UpdateAlias', `arn:aws:kms:us-east-1:${ACCOUNT}:key/*`],
      ),
    ],
    [
      'KMS DeleteAlias → kms:DeleteAlias on the alias and on its key from resources[] (KMS DG alias-access, ct-deletealias)',
      'kms-delete-alias.json',
      mappedTo(['kms:DeleteAlias', ALIAS], ['kms:DeleteAlias', KEY]),
    ],
    // DynamoDB
    [
      'DynamoDB GetItem → dynamodb:GetItem on the table (SAR dynamodb, DynamoDB DG log entries layout)',
      'dynamodb-get-item.json',
      mappedTo(['dynamodb:GetItem', TABLE('Orders')]),
    ],
    [
      'DynamoDB UpdateItem failing its condition still needed dynamodb:UpdateItem on the table (DynamoDB DG log entries "UpdateItem (unsuccessful)")',
      'dynamodb-update-item.json',
      mappedTo(['dynamodb:UpdateItem', TABLE('Inventory')]),
    ],
    [
      'DynamoDB DeleteItem with a table ARN in tableName → dynamodb:DeleteItem on that ARN (DynamoDB API ref DeleteItem TableName "name or ARN")',
      'dynamodb-delete-item.json',
      mappedTo(['dynamodb:DeleteItem', TABLE('Carts')]),
    ],
    [
      'DynamoDB Scan with indexName → dynamodb:Scan on table/NAME/index/INDEX (SAR dynamodb: Scan resource types index, table)',
      'dynamodb-scan-index.json',
      mappedTo(['dynamodb:Scan', `${TABLE('Orders')}/index/ByStatus`]),
    ],
    [
      'DynamoDB BatchGetItem → dynamodb:BatchGetItem on every table keyed in requestItems (SAR dynamodb, DynamoDB API ref BatchGetItem)',
      'dynamodb-batch-get-item.json',
      mappedTo(['dynamodb:BatchGetItem', TABLE('Orders')], ['dynamodb:BatchGetItem', TABLE('Customers')]),
    ],
    [
      'DynamoDB TransactGetItems → dynamodb:GetItem on each table ("Get ... governed by the permissions used for the underlying GetItem", DynamoDB DG transaction-apis-iam)',
      'dynamodb-transact-get-items.json',
      mappedTo(['dynamodb:GetItem', TABLE('Orders')], ['dynamodb:GetItem', TABLE('Customers')]),
    ],
    [
      'DynamoDB ExecuteTransaction → PartiQLUpdate + PartiQLInsert per statement on its table (DynamoDB DG ql-iam)',
      'dynamodb-execute-transaction.json',
      mappedTo(['dynamodb:PartiQLUpdate', TABLE('Inventory')], ['dynamodb:PartiQLInsert', TABLE('Orders')]),
    ],
    [
      'DynamoDB Streams GetShardIterator (eventSource dynamodb.amazonaws.com) → dynamodb:GetShardIterator on streamArn (SAR dynamodb: resource type stream)',
      'dynamodb-streams-get-shard-iterator.json',
      mappedTo(['dynamodb:GetShardIterator', STREAM]),
    ],
    [
      'DynamoDB Streams DescribeStream (management event, dynamodb.amazonaws.com) → dynamodb:DescribeStream on streamArn (SAR dynamodb: resource type stream)',
      'dynamodb-streams-describe-stream.json',
      mappedTo(['dynamodb:DescribeStream', STREAM]),
    ],
    // SQS
    [
      'SQS ReceiveMessage → sqs:ReceiveMessage on the queue ARN from queueUrl (SAR sqs, SQS DG data events)',
      'sqs-receive-message.json',
      mappedTo(['sqs:ReceiveMessage', QUEUE('orders')]),
    ],
    [
      'SQS DeleteMessage → sqs:DeleteMessage on the queue (SAR sqs, SQS DG data events)',
      'sqs-delete-message.json',
      mappedTo(['sqs:DeleteMessage', QUEUE('orders')]),
    ],
    [
      'SQS ChangeMessageVisibility → sqs:ChangeMessageVisibility on the queue (SAR sqs, SQS DG data events)',
      'sqs-change-message-visibility.json',
      mappedTo(['sqs:ChangeMessageVisibility', QUEUE('orders')]),
    ],
    [
      'SQS SendMessageBatch → sqs:SendMessage ("also grants permissions for the corresponding batch versions", SQS API ref AddPermission)',
      'sqs-send-message-batch.json',
      mappedTo(['sqs:SendMessage', QUEUE('orders.fifo')]),
    ],
    [
      'SQS ChangeMessageVisibilityBatch → sqs:ChangeMessageVisibility (batch versions share the action, SQS API ref AddPermission)',
      'sqs-change-message-visibility-batch.json',
      mappedTo(['sqs:ChangeMessageVisibility', QUEUE('orders')]),
    ],
    [
      'SQS GetQueueUrl with queueOwnerAWSAccountId → sqs:GetQueueUrl on the owner account queue (SQS API ref GetQueueUrl, SAR sqs)',
      'sqs-get-queue-url.json',
      mappedTo(['sqs:GetQueueUrl', QUEUE('jobs', '444455556666')]),
    ],
    [
      'SQS CreateQueue without tags → sqs:CreateQueue on the queue named by queueName (SAR sqs, SQS DG CreateQueue log entry)',
      'sqs-create-queue.json',
      mappedTo(['sqs:CreateQueue', QUEUE('orders-dlq')]),
    ],
    [
      'SQS CreateQueue with tags → + sqs:TagQueue ("to tag a queue on creation, you must have the sqs:CreateQueue and sqs:TagQueue permissions", SQS API ref)',
      'sqs-create-queue-tags.json',
      mappedTo(['sqs:CreateQueue', QUEUE('audit-events')], ['sqs:TagQueue', QUEUE('audit-events')]),
    ],
    // SNS
    [
      'SNS PublishBatch → sns:Publish on the topic ("sns:Publish ... to both publish and publish batch", SNS DG API permissions reference)',
      'sns-publish-batch.json',
      mappedTo(['sns:Publish', TOPIC('order-events')]),
    ],
    [
      'SNS CreateTopic without tags → sns:CreateTopic on the topic ARN built from name (SAR sns: CreateTopic resource type topic)',
      'sns-create-topic.json',
      mappedTo(['sns:CreateTopic', TOPIC('order-alerts')]),
    ],
    [
      'SNS CreateTopic with tags → + sns:TagResource ("to tag a topic on creation, you must have the sns:CreateTopic and sns:TagResource permissions", SNS API ref)',
      'sns-create-topic-tags.json',
      mappedTo(['sns:CreateTopic', TOPIC('billing-alerts')], ['sns:TagResource', TOPIC('billing-alerts')]),
    ],
  ])('%s', (_name, file, expected) => {
    expect(mapEvent(onlyRecord(file), catalog)).toEqual(expected);
  });
});
