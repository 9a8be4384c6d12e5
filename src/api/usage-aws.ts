/**
 * CloudTrail beyond local files: trail objects in S3 (only the date and region prefixes the window
 * needs are listed), and LookupEvents for management events.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { S3Client } from '@aws-sdk/client-s3';
import { UsageAggregate, type UsageView } from '../analyses/usage/aggregate.js';
import { mapEvent } from '../analyses/usage/event-map/index.js';
import { loadCatalog } from '../catalog/index.js';
import type { AwsCallError } from '../model/index.js';
import { lookupEvents } from '../sources/cloudtrail-lookup.read.js';
import { isAwsCallError, listTrailObjects, readTrailObject } from '../sources/cloudtrail-s3.read.js';
import { runUsage, type UsageOptions, type UsageResult } from './usage.js';

export interface S3UsageResult {
  result: UsageResult;
  awsErrors: AwsCallError[];
  objects: number;
}

/**
 * Lists the trail objects the window needs and reads them through the same pipeline as local
 * files. Objects are staged one at a time in a temporary folder (removed afterwards) that keeps
 * the AWSLogs layout, so delivery-time filtering and the per-file cache work unchanged.
 */
export async function usageFromS3(
  url: string,
  options: UsageOptions & { profile?: string; region?: string },
): Promise<S3UsageResult> {
  const s3 = new S3Client({
    followRegionRedirects: true,
    retryMode: 'adaptive',
    maxAttempts: 8,
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(process.env.AWS_ENDPOINT_URL ? { forcePathStyle: true } : {}),
  });
  const stage = await mkdtemp(join(tmpdir(), 'scopedown-trail-'));
  const awsErrors: AwsCallError[] = [];
  let objects = 0;
  try {
    for await (const item of listTrailObjects(s3, url, { since: options.since, until: options.until })) {
      if (isAwsCallError(item)) {
        awsErrors.push(item);
        continue;
      }
      const bytes = await readTrailObject(s3, item);
      if (isAwsCallError(bytes)) {
        awsErrors.push(bytes);
        continue;
      }
      const path = join(stage, item.key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes);
      objects++;
    }
    const result = await runUsage([stage], options);
    // Name the objects, not the staging folder, in what the user reads.
    for (const e of result.errors) e.file = e.file.replace(`${stage}/`, `${url.replace(/\/?$/, '/')}`);
    return { result, awsErrors, objects };
  } finally {
    s3.destroy();
    await rm(stage, { recursive: true, force: true });
  }
}

export interface LookupUsageResult {
  aggregate: UsageAggregate;
  awsErrors: AwsCallError[];
  records: number;
}

/** Management events from LookupEvents (2 requests/s, 90 days, no data events). */
export async function usageFromLookup(options: {
  roles: readonly string[];
  view?: UsageView;
  since?: Date;
  until?: Date;
  region?: string;
  profile?: string;
  onWait?: (ms: number) => void;
}): Promise<LookupUsageResult> {
  const ct = new CloudTrailClient({
    retryMode: 'adaptive',
    maxAttempts: 8,
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
  });
  const catalog = loadCatalog();
  const aggregate = new UsageAggregate({
    roles: options.roles,
    since: options.since,
    until: options.until,
    ...(options.view ? { view: options.view } : {}),
  });
  const awsErrors: AwsCallError[] = [];
  const batch: unknown[] = [];
  let records = 0;
  const seen = new Set<number>();
  try {
    for await (const item of lookupEvents(ct, {
      since: options.since,
      until: options.until,
      onWait: options.onWait,
    })) {
      if (isAwsCallError(item)) {
        awsErrors.push(item);
        continue;
      }
      batch.push(item);
      records++;
      if (batch.length >= 500) aggregate.addRecords(batch.splice(0), (r) => mapEvent(r, catalog), seen);
    }
    aggregate.addRecords(batch, (r) => mapEvent(r, catalog), seen);
    return { aggregate, awsErrors, records };
  } finally {
    ct.destroy();
  }
}
