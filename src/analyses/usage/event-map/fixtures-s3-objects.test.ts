/**
 * S3 object-level rows of the s3.ts table on real-format CloudTrail data events (one fixture per
 * row, and the versionId form where the row maps differently). Each expectation is what the AWS
 * documentation named in the test says the request needs.
 */
import { describe, expect, it } from 'vitest';
import { mappedTo, onlyRecord } from '../../../../test/support/fixture-mapping.js';
import { loadCatalog } from '../../../catalog/index.js';
import type { EventMapping } from '../../../model/cloudtrail.js';
import { mapEvent } from './index.js';

const catalog = loadCatalog();

const BUCKET = 'arn:aws:s3:::app-bucket';
const OBJ = (key: string) => `${BUCKET}/${key}`;

describe('S3 object-level data events (real-format fixtures)', () => {
  it.each<[string, string, EventMapping]>([
    [
      'S3 API ref SelectObjectContent: "you must have s3:GetObject permission" on the object',
      's3-select-object-content.json',
      mappedTo(['s3:GetObject', OBJ('data/events.csv')]),
    ],
    [
      'S3 API ref GetObjectAttributes: no version ID → s3:GetObject + s3:GetObjectAttributes',
      's3-get-object-attributes.json',
      mappedTo(['s3:GetObject', OBJ('data/file.json')], ['s3:GetObjectAttributes', OBJ('data/file.json')]),
    ],
    [
      'S3 API ref GetObjectAttributes: version ID passed → s3:GetObjectVersion + s3:GetObjectVersionAttributes',
      's3-get-object-attributes-version.json',
      mappedTo(
        ['s3:GetObjectVersion', OBJ('data/file.json')],
        ['s3:GetObjectVersionAttributes', OBJ('data/file.json')],
      ),
    ],
    [
      'S3 API ref GetObjectTagging: s3:GetObjectTagging on the object',
      's3-get-object-tagging.json',
      mappedTo(['s3:GetObjectTagging', OBJ('data/file.json')]),
    ],
    [
      'S3 API ref GetObjectTagging + S3 DG permission table: versionId → s3:GetObjectVersionTagging',
      's3-get-object-tagging-version.json',
      mappedTo(['s3:GetObjectVersionTagging', OBJ('data/file.json')]),
    ],
    [
      'S3 API ref PutObjectTagging: s3:PutObjectTagging on the object',
      's3-put-object-tagging.json',
      mappedTo(['s3:PutObjectTagging', OBJ('out/report.csv')]),
    ],
    [
      'S3 API ref PutObjectTagging + S3 DG permission table: versionId → s3:PutObjectVersionTagging',
      's3-put-object-tagging-version.json',
      mappedTo(['s3:PutObjectVersionTagging', OBJ('out/report.csv')]),
    ],
    [
      'S3 API ref DeleteObjectTagging: s3:DeleteObjectTagging on the object',
      's3-delete-object-tagging.json',
      mappedTo(['s3:DeleteObjectTagging', OBJ('out/report.csv')]),
    ],
    [
      'S3 API ref DeleteObjectTagging: versionId → "permission for the s3:DeleteObjectVersionTagging action"',
      's3-delete-object-tagging-version.json',
      mappedTo(['s3:DeleteObjectVersionTagging', OBJ('out/report.csv')]),
    ],
    [
      'S3 API ref GetObjectAcl: "you must have s3:GetObjectAcl permissions" on the object',
      's3-get-object-acl.json',
      mappedTo(['s3:GetObjectAcl', OBJ('data/file.json')]),
    ],
    [
      'S3 DG permission table: GET ACL for a specific version → s3:GetObjectVersionAcl',
      's3-get-object-acl-version.json',
      mappedTo(['s3:GetObjectVersionAcl', OBJ('data/file.json')]),
    ],
    [
      'S3 DG permission table: PUT Object ACL → s3:PutObjectAcl on the object (x-amz-acl adds nothing)',
      's3-put-object-acl.json',
      mappedTo(['s3:PutObjectAcl', OBJ('out/report.csv')]),
    ],
    [
      'S3 DG permission table: PUT Object ACL for a specific version → s3:PutObjectVersionAcl',
      's3-put-object-acl-version.json',
      mappedTo(['s3:PutObjectVersionAcl', OBJ('out/report.csv')]),
    ],
    [
      'S3 DG permission table: GET Object torrent → s3:GetObjectTorrent on the object',
      's3-get-object-torrent.json',
      mappedTo(['s3:GetObjectTorrent', OBJ('media/video.mp4')]),
    ],
    [
      'S3 API ref RestoreObject: "permissions to perform the s3:RestoreObject action" on the object',
      's3-restore-object.json',
      mappedTo(['s3:RestoreObject', OBJ('archive/2024/ledger.parquet')]),
    ],
    [
      'S3 API ref RestoreObject: with versionId still s3:RestoreObject (no version action exists)',
      's3-restore-object-version.json',
      mappedTo(['s3:RestoreObject', OBJ('archive/2024/ledger.parquet')]),
    ],
    [
      'S3 UG "Multipart upload API and permissions": CreateMultipartUpload → s3:PutObject on the object',
      's3-create-multipart-upload.json',
      mappedTo(['s3:PutObject', OBJ('big/object.bin')]),
    ],
    [
      'S3 UG "Multipart upload API and permissions": UploadPart → s3:PutObject on the object',
      's3-upload-part.json',
      mappedTo(['s3:PutObject', OBJ('big/object.bin')]),
    ],
    [
      'S3 UG "Multipart upload API and permissions": CompleteMultipartUpload → s3:PutObject on the object',
      's3-complete-multipart-upload.json',
      mappedTo(['s3:PutObject', OBJ('big/object.bin')]),
    ],
    [
      'S3 DG permission table: POST Object → s3:PutObject on the object',
      's3-post-object.json',
      mappedTo(['s3:PutObject', OBJ('uploads/avatar.png')]),
    ],
    [
      'S3 UG "Multipart upload API and permissions": AbortMultipartUpload → s3:AbortMultipartUpload',
      's3-abort-multipart-upload.json',
      mappedTo(['s3:AbortMultipartUpload', OBJ('big/object.bin')]),
    ],
    [
      'S3 UG "Multipart upload API and permissions": ListMultipartUploads → s3:ListBucketMultipartUploads on the bucket',
      's3-list-multipart-uploads.json',
      mappedTo(['s3:ListBucketMultipartUploads', BUCKET]),
    ],
    [
      'S3 API ref ListObjectsV2 (logged as ListObjects, list-type 2): s3:ListBucket on the bucket, not the ARNPrefix',
      's3-list-objects-v2.json',
      mappedTo(['s3:ListBucket', BUCKET]),
    ],
    [
      'S3 API ref HeadBucket: "permissions to perform the s3:ListBucket action" on the bucket',
      's3-head-bucket.json',
      mappedTo(['s3:ListBucket', BUCKET]),
    ],
  ])('%s', (_id, file, expected) => {
    expect(mapEvent(onlyRecord(file), catalog)).toEqual(expected);
  });

  it('the ListObjectsV2 fixture is logged as CloudTrail logs it: eventName ListObjects, list-type 2', () => {
    const r = onlyRecord('s3-list-objects-v2.json');
    expect(r.eventName).toBe('ListObjects');
    expect(r.requestParameters?.['list-type']).toBe('2');
  });
});
