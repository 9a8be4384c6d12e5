/**
 * Amazon S3 (aws-facts §1.4 (b)/(c), §2.2). Object ARN `arn:aws:s3:::BUCKET/KEY` from
 * `bucketName` + `key`; through an access point, `AP_ARN/object/KEY`. Without them, the
 * `resources[]` entry of the right CloudTrail type.
 */
import type { RequiredPermission } from '../../../model/cloudtrail.js';
import { fieldCI, isArn, param, resourceArnOfType, resourceArns, str } from './context.js';
import { mapped, one } from './permissions.js';
import type { EventContext, EventHandler, EventTable, ServiceMapping } from './types.js';

/**
 * The access point the request went through: `bucketName` when it is an access point ARN, else the
 * `AWS::S3::AccessPoint` entry of `resources[]` ("CloudTrail log entries for requests made through
 * access points include the access point ARN in the resources section", S3 UG). Such requests are
 * authorized on the access point forms: `AP_ARN` and `AP_ARN/object/KEY`.
 */
function accessPoint(ctx: EventContext): string | undefined {
  const name = param(ctx, 'bucketName');
  if (name && isArn(name)) return name;
  const ap = resourceArnOfType(ctx, 'AWS::S3::AccessPoint');
  return ap?.startsWith(`arn:${ctx.partition}:s3:`) ? ap : undefined;
}

/** The bucket ARN (or access point ARN) the request names, if it names one. */
export function bucketArn(ctx: EventContext): string | undefined {
  const ap = accessPoint(ctx);
  if (ap) return ap;
  const name = param(ctx, 'bucketName');
  if (name) return `arn:${ctx.partition}:s3:::${name}`;
  return resourceArnOfType(ctx, 'AWS::S3::Bucket');
}

/** The object ARN the request names, if it names one. */
export function objectArn(ctx: EventContext): string | undefined {
  const key = param(ctx, 'key');
  const ap = accessPoint(ctx);
  if (ap) return key ? `${ap}/object/${key}` : undefined;
  const name = param(ctx, 'bucketName');
  if (name && key) return `arn:${ctx.partition}:s3:::${name}/${key}`;
  return resourceArnOfType(ctx, 'AWS::S3::Object');
}

/** The bucket, else every bucket (a pattern). */
function bucket(ctx: EventContext): string {
  return bucketArn(ctx) ?? `arn:${ctx.partition}:s3:::*`;
}

/** Every object of the bucket the request names, else of every bucket (a pattern). */
function allObjects(ctx: EventContext): string {
  const ap = accessPoint(ctx);
  if (ap) return `${ap}/object/*`;
  const b = bucketArn(ctx);
  return b ? `${b}/*` : `arn:${ctx.partition}:s3:::*/*`;
}

/** The object, else the narrowest pattern the record supports. */
function object(ctx: EventContext): string {
  return objectArn(ctx) ?? allObjects(ctx);
}

const versioned = (ctx: EventContext) => param(ctx, 'versionId') !== undefined;

/** `action` on the object, or `versionAction` when the request names a version (`versionId`). */
function onObject(action: string, versionAction?: string): EventHandler {
  return (ctx) => one(versionAction && versioned(ctx) ? versionAction : action, object(ctx));
}

function onBucket(action: string): EventHandler {
  return (ctx) => one(action, bucket(ctx));
}

const ACL_HEADERS = [
  'x-amz-acl',
  'x-amz-grant-full-control',
  'x-amz-grant-read',
  'x-amz-grant-read-acp',
  'x-amz-grant-write-acp',
] as const;

/**
 * S3 API ref PutObject: "To successfully change the objects acl of your PutObject request, you must
 * have the s3:PutObjectAcl. To successfully set the tag-set with your PutObject request, you must
 * have the s3:PutObjectTagging."
 */
function writeExtras(ctx: EventContext, target: string, tagging: boolean): RequiredPermission[] {
  const extra: RequiredPermission[] = [];
  if (tagging && ctx.params['x-amz-tagging'] !== undefined) {
    extra.push({ action: 's3:PutObjectTagging', resource: target });
  }
  if (ACL_HEADERS.some((h) => ctx.params[h] !== undefined)) {
    extra.push({ action: 's3:PutObjectAcl', resource: target });
  }
  return extra;
}

function putObject(ctx: EventContext): ReturnType<EventHandler> {
  const target = object(ctx);
  return mapped([{ action: 's3:PutObject', resource: target }, ...writeExtras(ctx, target, true)]);
}

/**
 * The copy source: `x-amz-copy-source` is `bucket/key` or an access point object ARN, URL-encoded,
 * optionally with a leading `/` and `?versionId=`. Without it, an object in `resources[]` other
 * than the target.
 */
export function copySource(
  ctx: EventContext,
  target: string,
): { arn: string; versioned: boolean } | undefined {
  const raw = param(ctx, 'x-amz-copy-source');
  if (raw) {
    const q = raw.indexOf('?versionId=');
    const path = q < 0 ? raw : raw.slice(0, q);
    let decoded = path;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      // A malformed escape: keep the text as logged.
    }
    if (decoded.startsWith('/')) decoded = decoded.slice(1);
    if (isArn(decoded)) return { arn: decoded, versioned: q >= 0 };
    if (decoded.indexOf('/') > 0) return { arn: `arn:${ctx.partition}:s3:::${decoded}`, versioned: q >= 0 };
  }
  // resources[] lists the target too, in bucket form even through an access point.
  const name = param(ctx, 'bucketName');
  const key = param(ctx, 'key');
  const plainTarget = name && key ? `arn:${ctx.partition}:s3:::${name}/${key}` : undefined;
  const other = resourceArns(
    ctx,
    (a) => a !== target && a !== plainTarget && a.startsWith(`arn:${ctx.partition}:s3:::`) && a.includes('/'),
  );
  return other[0] ? { arn: other[0], versioned: false } : undefined;
}

/** S3 API ref CopyObject / UploadPartCopy: s3:GetObject (GetObjectVersion) on the source, s3:PutObject on the target. */
function copy(withExtras: boolean): EventHandler {
  return (ctx) => {
    const target = object(ctx);
    const source = copySource(ctx, target);
    const perms: RequiredPermission[] = [];
    if (source)
      perms.push({ action: source.versioned ? 's3:GetObjectVersion' : 's3:GetObject', resource: source.arn });
    perms.push({ action: 's3:PutObject', resource: target });
    if (withExtras) {
      // x-amz-tagging only applies with x-amz-tagging-directive REPLACE (the default is COPY).
      const replaceTags = str(ctx.params['x-amz-tagging-directive'])?.toUpperCase() === 'REPLACE';
      perms.push(...writeExtras(ctx, target, replaceTags));
    }
    return mapped(perms);
  };
}

/** The replication role, which S3 passes: S3 API ref PutBucketReplication requires iam:PassRole on it. */
function putReplication(ctx: EventContext): ReturnType<EventHandler> {
  const perms: RequiredPermission[] = [{ action: 's3:PutReplicationConfiguration', resource: bucket(ctx) }];
  const role = str(fieldCI(fieldCI(ctx.params, 'ReplicationConfiguration'), 'Role'));
  if (role && isArn(role)) perms.push({ action: 'iam:PassRole', resource: role });
  return mapped(perms);
}

export const s3Events: EventTable = {
  // S3 API ref GetObject: s3:GetObject; "to return a different version, you need s3:GetObjectVersion".
  GetObject: onObject('s3:GetObject', 's3:GetObjectVersion'),
  // S3 API ref HeadObject: "To use HEAD, you must have the s3:GetObject permission."
  HeadObject: onObject('s3:GetObject', 's3:GetObjectVersion'),
  // S3 API ref SelectObjectContent: "you must have s3:GetObject permission for this operation".
  SelectObjectContent: onObject('s3:GetObject'),
  // S3 API ref GetObjectAttributes: with a version ID, s3:GetObjectVersion and s3:GetObjectVersionAttributes;
  // without, s3:GetObject and s3:GetObjectAttributes.
  GetObjectAttributes: (ctx) => {
    const target = object(ctx);
    return versioned(ctx)
      ? mapped([
          { action: 's3:GetObjectVersion', resource: target },
          { action: 's3:GetObjectVersionAttributes', resource: target },
        ])
      : mapped([
          { action: 's3:GetObject', resource: target },
          { action: 's3:GetObjectAttributes', resource: target },
        ]);
  },
  GetObjectTagging: onObject('s3:GetObjectTagging', 's3:GetObjectVersionTagging'),
  PutObjectTagging: onObject('s3:PutObjectTagging', 's3:PutObjectVersionTagging'),
  DeleteObjectTagging: onObject('s3:DeleteObjectTagging', 's3:DeleteObjectVersionTagging'),
  GetObjectAcl: onObject('s3:GetObjectAcl', 's3:GetObjectVersionAcl'),
  PutObjectAcl: onObject('s3:PutObjectAcl', 's3:PutObjectVersionAcl'),
  GetObjectTorrent: onObject('s3:GetObjectTorrent', 's3:GetObjectVersionTorrent'),
  RestoreObject: onObject('s3:RestoreObject'),
  PutObject: putObject,
  // S3 UG "Multipart upload API and permissions": initiating, uploading parts and completing need s3:PutObject.
  CreateMultipartUpload: putObject,
  UploadPart: onObject('s3:PutObject'),
  CompleteMultipartUpload: onObject('s3:PutObject'),
  // Browser-based upload (POST Object): S3 API ref "you must have s3:PutObject".
  PostObject: onObject('s3:PutObject'),
  CopyObject: copy(true),
  UploadPartCopy: copy(false),
  AbortMultipartUpload: onObject('s3:AbortMultipartUpload'),
  // S3 UG "Multipart upload API and permissions": ListParts needs s3:ListMultipartUploadParts.
  ListParts: onObject('s3:ListMultipartUploadParts'),
  // Same page: ListMultipartUploads needs s3:ListBucketMultipartUploads on the bucket.
  ListMultipartUploads: onBucket('s3:ListBucketMultipartUploads'),
  // S3 API ref DeleteObject: deleting a specific version needs s3:DeleteObjectVersion.
  DeleteObject: onObject('s3:DeleteObject', 's3:DeleteObjectVersion'),
  // S3 UG: "CloudTrail does not log key names for the keys that are deleted using the Delete Multiple
  // Objects operation", so the narrowest honest resource is every object of the bucket.
  DeleteObjects: (ctx) => one('s3:DeleteObject', allObjects(ctx)),
  // ListObjectsV2 is logged as ListObjects with "list-type": "2"; both need s3:ListBucket on the
  // bucket ARN, not the ARNPrefix in resources[] (S3 API ref ListObjectsV2).
  ListObjects: onBucket('s3:ListBucket'),
  ListObjectsV2: onBucket('s3:ListBucket'),
  // S3 API ref HeadBucket: "you must have permissions to perform the s3:ListBucket action".
  HeadBucket: onBucket('s3:ListBucket'),
  // S3 API ref ListObjectVersions: "you must have permission to perform the s3:ListBucketVersions action".
  ListObjectVersions: onBucket('s3:ListBucketVersions'),
  // s3:ListAllMyBuckets has no resource type.
  ListBuckets: () => one('s3:ListAllMyBuckets', '*'),
  // Bucket-configuration APIs are named differently from their actions (aws-facts §2.2; each S3 API
  // ref page's "Permissions"; the Delete* APIs need the matching Put* action).
  GetBucketEncryption: onBucket('s3:GetEncryptionConfiguration'),
  PutBucketEncryption: onBucket('s3:PutEncryptionConfiguration'),
  DeleteBucketEncryption: onBucket('s3:PutEncryptionConfiguration'),
  GetBucketCors: onBucket('s3:GetBucketCORS'),
  PutBucketCors: onBucket('s3:PutBucketCORS'),
  DeleteBucketCors: onBucket('s3:PutBucketCORS'),
  GetBucketLifecycle: onBucket('s3:GetLifecycleConfiguration'),
  GetBucketLifecycleConfiguration: onBucket('s3:GetLifecycleConfiguration'),
  PutBucketLifecycle: onBucket('s3:PutLifecycleConfiguration'),
  PutBucketLifecycleConfiguration: onBucket('s3:PutLifecycleConfiguration'),
  DeleteBucketLifecycle: onBucket('s3:PutLifecycleConfiguration'),
  GetBucketReplication: onBucket('s3:GetReplicationConfiguration'),
  PutBucketReplication: putReplication,
  // There is no s3:DeleteReplicationConfiguration (trailscraper's mapping to it is a bug, aws-facts §2.2).
  DeleteBucketReplication: onBucket('s3:PutReplicationConfiguration'),
  GetBucketNotificationConfiguration: onBucket('s3:GetBucketNotification'),
  PutBucketNotificationConfiguration: onBucket('s3:PutBucketNotification'),
  DeleteBucketTagging: onBucket('s3:PutBucketTagging'),
  GetBucketAccelerateConfiguration: onBucket('s3:GetAccelerateConfiguration'),
  PutBucketAccelerateConfiguration: onBucket('s3:PutAccelerateConfiguration'),
  GetBucketAnalyticsConfiguration: onBucket('s3:GetAnalyticsConfiguration'),
  ListBucketAnalyticsConfigurations: onBucket('s3:GetAnalyticsConfiguration'),
  PutBucketAnalyticsConfiguration: onBucket('s3:PutAnalyticsConfiguration'),
  DeleteBucketAnalyticsConfiguration: onBucket('s3:PutAnalyticsConfiguration'),
  GetBucketInventoryConfiguration: onBucket('s3:GetInventoryConfiguration'),
  ListBucketInventoryConfigurations: onBucket('s3:GetInventoryConfiguration'),
  PutBucketInventoryConfiguration: onBucket('s3:PutInventoryConfiguration'),
  DeleteBucketInventoryConfiguration: onBucket('s3:PutInventoryConfiguration'),
  GetBucketMetricsConfiguration: onBucket('s3:GetMetricsConfiguration'),
  ListBucketMetricsConfigurations: onBucket('s3:GetMetricsConfiguration'),
  PutBucketMetricsConfiguration: onBucket('s3:PutMetricsConfiguration'),
  DeleteBucketMetricsConfiguration: onBucket('s3:PutMetricsConfiguration'),
  GetBucketIntelligentTieringConfiguration: onBucket('s3:GetIntelligentTieringConfiguration'),
  ListBucketIntelligentTieringConfigurations: onBucket('s3:GetIntelligentTieringConfiguration'),
  PutBucketIntelligentTieringConfiguration: onBucket('s3:PutIntelligentTieringConfiguration'),
  DeleteBucketIntelligentTieringConfiguration: onBucket('s3:PutIntelligentTieringConfiguration'),
  DeleteBucketOwnershipControls: onBucket('s3:PutBucketOwnershipControls'),
  GetPublicAccessBlock: onBucket('s3:GetBucketPublicAccessBlock'),
  PutPublicAccessBlock: onBucket('s3:PutBucketPublicAccessBlock'),
  DeletePublicAccessBlock: onBucket('s3:PutBucketPublicAccessBlock'),
  DeleteBucketPublicAccessBlock: onBucket('s3:PutBucketPublicAccessBlock'),
  GetObjectLockConfiguration: onBucket('s3:GetBucketObjectLockConfiguration'),
  PutObjectLockConfiguration: onBucket('s3:PutBucketObjectLockConfiguration'),
};

/** Same-named S3 actions (GetBucketPolicy, PutBucketVersioning, GetObjectRetention, ...): by resource type. */
function resolveS3(ctx: EventContext, type: string): string | undefined {
  const viaAccessPoint = accessPoint(ctx) !== undefined;
  switch (type) {
    case 'object':
      return viaAccessPoint ? undefined : objectArn(ctx);
    case 'accesspointobject':
      return viaAccessPoint ? objectArn(ctx) : undefined;
    case 'bucket':
      return viaAccessPoint ? undefined : bucketArn(ctx);
    case 'accesspoint':
      return accessPoint(ctx);
    default:
      return undefined;
  }
}

export const s3: ServiceMapping = {
  eventSources: ['s3.amazonaws.com'],
  events: s3Events,
  reads: [
    'bucketname',
    'key',
    'versionid',
    'x-amz-copy-source',
    'x-amz-tagging',
    'x-amz-tagging-directive',
    'x-amz-acl',
    'x-amz-grant-full-control',
    'x-amz-grant-read',
    'x-amz-grant-read-acp',
    'x-amz-grant-write-acp',
    'replicationconfiguration',
  ],
  resource: resolveS3,
};
