/**
 * CloudTrail beyond local files: trail objects in S3 (only the date and region prefixes the window
 * needs are listed), and LookupEvents for management events.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { S3Client } from '@aws-sdk/client-s3';
import { UsageAggregate, type UsageView } from '../analyses/usage/aggregate.js';
import { mapEvent } from '../analyses/usage/event-map/index.js';
import { loadCatalog } from '../catalog/index.js';
import type { AwsCallError } from '../model/index.js';
import type { TrailFile } from '../sources/cloudtrail-files.read.js';
import { lookupEvents } from '../sources/cloudtrail-lookup.read.js';
import {
  isAwsCallError,
  listTrailObjects,
  readTrailObject,
  type TrailObject,
} from '../sources/cloudtrail-s3.read.js';
import { fileError } from '../sources/text-file.read.js';
import { type FileStager, runUsageOnFiles, type UsageOptions, type UsageResult } from './usage.js';

export interface S3UsageResult {
  result: UsageResult;
  awsErrors: AwsCallError[];
  objects: number;
}

/** An S3 client for trail buckets (any Region; path-style against an emulator). */
export function trailS3Client(options: { region?: string; profile?: string }): S3Client {
  return new S3Client({
    followRegionRedirects: true,
    retryMode: 'adaptive',
    maxAttempts: 8,
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(process.env.AWS_ENDPOINT_URL ? { forcePathStyle: true } : {}),
  });
}

/**
 * Lists the trail objects the window needs and reads them through the same pipeline as local
 * files, streaming: each object is fetched just before a worker reads it (a few per worker ahead)
 * into a temporary folder and removed once read, so disk use stays at the files in flight. A file
 * whose result is cached (by bucket, key and ETag) is not fetched at all.
 */
export async function usageFromS3(
  url: string,
  options: UsageOptions & { profile?: string; region?: string },
): Promise<S3UsageResult> {
  const s3 = trailS3Client(options);
  const stage = await mkdtemp(join(tmpdir(), 'scopedown-trail-'));
  const awsErrors: AwsCallError[] = [];
  const objects = new Map<string, TrailObject>();
  const files: TrailFile[] = [];
  try {
    for await (const item of listTrailObjects(s3, url, { since: options.since, until: options.until })) {
      if (isAwsCallError(item)) {
        awsErrors.push(item);
        continue;
      }
      const path = `s3://${item.bucket}/${item.key}`;
      objects.set(path, item);
      files.push({
        path,
        size: item.size,
        mtimeMs: item.lastModified.getTime(),
        // An ETag changes whenever the object does.
        cacheId: `${path} ${item.etag}`,
      });
    }
    let staged = 0;
    /** Staged path → object URL. */
    const origin = new Map<string, string>();
    const stager: FileStager = {
      async stage(file) {
        const obj = objects.get(file.path)!;
        const bytes = await readTrailObject(s3, obj);
        if (isAwsCallError(bytes)) return { error: fileError(file.path, bytes.awsCode, bytes.message) };
        // A folder per object keeps its file name (the reader goes by `.json.gz`) and names unique.
        const dir = join(stage, String(staged++));
        await mkdir(dir);
        const path = join(dir, basename(obj.key));
        await writeFile(path, bytes);
        origin.set(path, file.path);
        return { path, release: () => rm(dir, { recursive: true, force: true }) };
      },
    };
    const result = await runUsageOnFiles(
      { files, errors: [], skipped: { digest: 0, filesOutsideWindow: 0, foldersOutsideWindow: 0 } },
      { ...options, stager },
    );
    // Name the objects, not the staging folder, in what the user reads.
    for (const e of result.errors) e.file = origin.get(e.file) ?? e.file;
    return { result, awsErrors, objects: files.length };
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
