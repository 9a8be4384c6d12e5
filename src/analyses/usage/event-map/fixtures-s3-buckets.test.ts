/**
 * S3 bucket-configuration events on real-format records (test/fixtures/cloudtrail/records/s3-*.json):
 * the exact `mapEvent` result for each row of the S3 table in s3.ts that had no fixture. Every
 * expectation follows the "Permissions" section of the operation's S3 API reference page
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_<Operation>.html), or, where that page has
 * none (Object Lock, most Intelligent-Tiering pages), the Service Authorization Reference for Amazon S3
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html) and the S3 UG
 * "Required permissions for Amazon S3 API operations".
 *
 * Records: bucket-level calls are management events; `requestParameters` holds `bucketName`, `Host`,
 * the sub-resource query key (`"cors": ""`, `"lifecycle": ""`, ...; `id` for the analytics, inventory,
 * metrics and Intelligent-Tiering configurations) and, for a Put, the XML body as JSON with its
 * `xmlns`. CloudTrail logs some of these calls under another name (S3 UG "Amazon S3 CloudTrail
 * events"): GetBucketLifecycle, PutBucketLifecycle, GetBucketNotification, PutBucketNotification,
 * GetBucketPublicAccessBlock, PutBucketPublicAccessBlock, DeleteBucketPublicAccessBlock. The
 * fixtures keep the table's spellings, so each row is tested.
 */
import { describe, expect, it } from 'vitest';
import { mappedTo, onlyRecord } from '../../../../test/support/fixture-mapping.js';
import { loadCatalog } from '../../../catalog/index.js';
import type { EventMapping } from '../../../model/cloudtrail.js';
import { mapEvent } from './index.js';

const catalog = loadCatalog();

const ACCOUNT = '111122223333';
const BUCKET = 'arn:aws:s3:::app-bucket';
const onBucket = (action: string) => mappedTo([action, BUCKET]);

describe('mapEvent on S3 bucket-configuration records', () => {
  it.each<[string, string, EventMapping]>([
    // Default encryption
    [
      'PutBucketEncryption → s3:PutEncryptionConfiguration (API ref PutBucketEncryption, Permissions; S3 does not validate the KMS key, so no kms:*)',
      's3-put-bucket-encryption.json',
      onBucket('s3:PutEncryptionConfiguration'),
    ],
    [
      'DeleteBucketEncryption → s3:PutEncryptionConfiguration (API ref DeleteBucketEncryption, Permissions)',
      's3-delete-bucket-encryption.json',
      onBucket('s3:PutEncryptionConfiguration'),
    ],
    // CORS
    [
      'GetBucketCors → s3:GetBucketCORS (API ref GetBucketCors, Permissions)',
      's3-get-bucket-cors.json',
      onBucket('s3:GetBucketCORS'),
    ],
    [
      'PutBucketCors → s3:PutBucketCORS (API ref PutBucketCors, Permissions)',
      's3-put-bucket-cors.json',
      onBucket('s3:PutBucketCORS'),
    ],
    // Lifecycle
    [
      'GetBucketLifecycle (CloudTrail name) → s3:GetLifecycleConfiguration (API ref GetBucketLifecycle, Permissions)',
      's3-get-bucket-lifecycle.json',
      onBucket('s3:GetLifecycleConfiguration'),
    ],
    [
      'GetBucketLifecycleConfiguration → s3:GetLifecycleConfiguration (API ref GetBucketLifecycleConfiguration, Permissions)',
      's3-get-bucket-lifecycle-configuration.json',
      onBucket('s3:GetLifecycleConfiguration'),
    ],
    [
      'PutBucketLifecycle (CloudTrail name) → s3:PutLifecycleConfiguration (API ref PutBucketLifecycle, Permissions)',
      's3-put-bucket-lifecycle.json',
      onBucket('s3:PutLifecycleConfiguration'),
    ],
    [
      'PutBucketLifecycleConfiguration → s3:PutLifecycleConfiguration (API ref PutBucketLifecycleConfiguration, Permissions)',
      's3-put-bucket-lifecycle-configuration.json',
      onBucket('s3:PutLifecycleConfiguration'),
    ],
    [
      'DeleteBucketLifecycle → s3:PutLifecycleConfiguration (API ref DeleteBucketLifecycle, Permissions)',
      's3-delete-bucket-lifecycle.json',
      onBucket('s3:PutLifecycleConfiguration'),
    ],
    // Replication
    [
      'GetBucketReplication → s3:GetReplicationConfiguration (API ref GetBucketReplication, Permissions)',
      's3-get-bucket-replication.json',
      onBucket('s3:GetReplicationConfiguration'),
    ],
    [
      'PutBucketReplication → s3:PutReplicationConfiguration + iam:PassRole on ReplicationConfiguration.Role (API ref PutBucketReplication, Permissions)',
      's3-put-bucket-replication.json',
      mappedTo(
        ['s3:PutReplicationConfiguration', BUCKET],
        ['iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/service/s3-replication-role`],
      ),
    ],
    [
      'DeleteBucketReplication → s3:PutReplicationConfiguration (API ref DeleteBucketReplication, Permissions)',
      's3-delete-bucket-replication.json',
      onBucket('s3:PutReplicationConfiguration'),
    ],
    // Notifications and tags
    [
      'GetBucketNotificationConfiguration → s3:GetBucketNotification (API ref GetBucketNotificationConfiguration, Permissions)',
      's3-get-bucket-notification-configuration.json',
      onBucket('s3:GetBucketNotification'),
    ],
    [
      'PutBucketNotificationConfiguration → s3:PutBucketNotification, not the queue (API ref PutBucketNotificationConfiguration, Permissions)',
      's3-put-bucket-notification-configuration.json',
      onBucket('s3:PutBucketNotification'),
    ],
    [
      'DeleteBucketTagging → s3:PutBucketTagging (API ref DeleteBucketTagging, Permissions)',
      's3-delete-bucket-tagging.json',
      onBucket('s3:PutBucketTagging'),
    ],
    // Transfer Acceleration
    [
      'GetBucketAccelerateConfiguration → s3:GetAccelerateConfiguration (API ref GetBucketAccelerateConfiguration, Permissions)',
      's3-get-bucket-accelerate-configuration.json',
      onBucket('s3:GetAccelerateConfiguration'),
    ],
    [
      'PutBucketAccelerateConfiguration → s3:PutAccelerateConfiguration (API ref PutBucketAccelerateConfiguration, Permissions)',
      's3-put-bucket-accelerate-configuration.json',
      onBucket('s3:PutAccelerateConfiguration'),
    ],
    // Analytics
    [
      'GetBucketAnalyticsConfiguration → s3:GetAnalyticsConfiguration (API ref GetBucketAnalyticsConfiguration, Permissions)',
      's3-get-bucket-analytics-configuration.json',
      onBucket('s3:GetAnalyticsConfiguration'),
    ],
    [
      'ListBucketAnalyticsConfigurations → s3:GetAnalyticsConfiguration (API ref ListBucketAnalyticsConfigurations, Permissions)',
      's3-list-bucket-analytics-configurations.json',
      onBucket('s3:GetAnalyticsConfiguration'),
    ],
    [
      'PutBucketAnalyticsConfiguration → s3:PutAnalyticsConfiguration (API ref PutBucketAnalyticsConfiguration, Permissions)',
      's3-put-bucket-analytics-configuration.json',
      onBucket('s3:PutAnalyticsConfiguration'),
    ],
    [
      'DeleteBucketAnalyticsConfiguration → s3:PutAnalyticsConfiguration (API ref DeleteBucketAnalyticsConfiguration, Permissions)',
      's3-delete-bucket-analytics-configuration.json',
      onBucket('s3:PutAnalyticsConfiguration'),
    ],
    // Inventory
    [
      'GetBucketInventoryConfiguration → s3:GetInventoryConfiguration (API ref GetBucketInventoryConfiguration, Permissions)',
      's3-get-bucket-inventory-configuration.json',
      onBucket('s3:GetInventoryConfiguration'),
    ],
    [
      'ListBucketInventoryConfigurations → s3:GetInventoryConfiguration (API ref ListBucketInventoryConfigurations, Permissions)',
      's3-list-bucket-inventory-configurations.json',
      onBucket('s3:GetInventoryConfiguration'),
    ],
    [
      'PutBucketInventoryConfiguration → s3:PutInventoryConfiguration on the source bucket only (API ref PutBucketInventoryConfiguration, Permissions)',
      's3-put-bucket-inventory-configuration.json',
      onBucket('s3:PutInventoryConfiguration'),
    ],
    [
      'DeleteBucketInventoryConfiguration → s3:PutInventoryConfiguration (API ref DeleteBucketInventoryConfiguration, Permissions)',
      's3-delete-bucket-inventory-configuration.json',
      onBucket('s3:PutInventoryConfiguration'),
    ],
    // Request metrics
    [
      'GetBucketMetricsConfiguration → s3:GetMetricsConfiguration (API ref GetBucketMetricsConfiguration, Permissions)',
      's3-get-bucket-metrics-configuration.json',
      onBucket('s3:GetMetricsConfiguration'),
    ],
    [
      'ListBucketMetricsConfigurations → s3:GetMetricsConfiguration (API ref ListBucketMetricsConfigurations, Permissions)',
      's3-list-bucket-metrics-configurations.json',
      onBucket('s3:GetMetricsConfiguration'),
    ],
    [
      'PutBucketMetricsConfiguration → s3:PutMetricsConfiguration (API ref PutBucketMetricsConfiguration, Permissions)',
      's3-put-bucket-metrics-configuration.json',
      onBucket('s3:PutMetricsConfiguration'),
    ],
    [
      'DeleteBucketMetricsConfiguration → s3:PutMetricsConfiguration (API ref DeleteBucketMetricsConfiguration, Permissions)',
      's3-delete-bucket-metrics-configuration.json',
      onBucket('s3:PutMetricsConfiguration'),
    ],
    // Intelligent-Tiering
    [
      'GetBucketIntelligentTieringConfiguration → s3:GetIntelligentTieringConfiguration (SAR Amazon S3: "get an or list all Amazon S3 Intelligent Tiering configuration")',
      's3-get-bucket-intelligent-tiering-configuration.json',
      onBucket('s3:GetIntelligentTieringConfiguration'),
    ],
    [
      'ListBucketIntelligentTieringConfigurations → s3:GetIntelligentTieringConfiguration (SAR Amazon S3: "get an or list all ... configuration")',
      's3-list-bucket-intelligent-tiering-configurations.json',
      onBucket('s3:GetIntelligentTieringConfiguration'),
    ],
    [
      'PutBucketIntelligentTieringConfiguration → s3:PutIntelligentTieringConfiguration (API ref PutBucketIntelligentTieringConfiguration, 403 error cause)',
      's3-put-bucket-intelligent-tiering-configuration.json',
      onBucket('s3:PutIntelligentTieringConfiguration'),
    ],
    [
      'DeleteBucketIntelligentTieringConfiguration → s3:PutIntelligentTieringConfiguration (SAR Amazon S3: "create new or update or delete an existing ... configuration")',
      's3-delete-bucket-intelligent-tiering-configuration.json',
      onBucket('s3:PutIntelligentTieringConfiguration'),
    ],
    // Ownership controls and Block Public Access
    [
      'DeleteBucketOwnershipControls → s3:PutBucketOwnershipControls (API ref DeleteBucketOwnershipControls, Permissions)',
      's3-delete-bucket-ownership-controls.json',
      onBucket('s3:PutBucketOwnershipControls'),
    ],
    [
      'GetPublicAccessBlock → s3:GetBucketPublicAccessBlock (API ref GetPublicAccessBlock: "you must have the s3:GetBucketPublicAccessBlock permission")',
      's3-get-public-access-block.json',
      onBucket('s3:GetBucketPublicAccessBlock'),
    ],
    [
      'PutPublicAccessBlock → s3:PutBucketPublicAccessBlock (API ref PutPublicAccessBlock, Permissions)',
      's3-put-public-access-block.json',
      onBucket('s3:PutBucketPublicAccessBlock'),
    ],
    [
      'DeletePublicAccessBlock → s3:PutBucketPublicAccessBlock (API ref DeletePublicAccessBlock: "you must have the s3:PutBucketPublicAccessBlock permission")',
      's3-delete-public-access-block.json',
      onBucket('s3:PutBucketPublicAccessBlock'),
    ],
    [
      'DeleteBucketPublicAccessBlock (CloudTrail name) → s3:PutBucketPublicAccessBlock (API ref DeletePublicAccessBlock, Permissions)',
      's3-delete-bucket-public-access-block.json',
      onBucket('s3:PutBucketPublicAccessBlock'),
    ],
    // Object Lock (the API ref pages have no Permissions section)
    [
      'GetObjectLockConfiguration → s3:GetBucketObjectLockConfiguration (SAR Amazon S3: "get the Object Lock configuration of an Amazon S3 bucket")',
      's3-get-object-lock-configuration.json',
      onBucket('s3:GetBucketObjectLockConfiguration'),
    ],
    [
      'PutObjectLockConfiguration → s3:PutBucketObjectLockConfiguration (SAR Amazon S3: "put Object Lock configuration on a specific bucket")',
      's3-put-object-lock-configuration.json',
      onBucket('s3:PutBucketObjectLockConfiguration'),
    ],
  ])('%s', (_name, file, expected) => {
    expect(mapEvent(onlyRecord(file), catalog)).toEqual(expected);
  });
});
