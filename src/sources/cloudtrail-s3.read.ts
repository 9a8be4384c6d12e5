import { type _Object, GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { AwsCallError } from '../model/errors.js';
import { type CallSite, itemFailure, mapLimit, toAwsCallError } from './aws-utils/call-error.js';
import { orderedPool } from './cloudtrail-aws-utils/ordered-pool.js';
import {
  dayPath,
  dayPaths,
  deliveryWindow,
  isAccountDir,
  isDelivered,
  isOrgDir,
  lastSegment,
  parseTrailFileName,
  parseTrailUrl,
  pathInRange,
  type TrailLocation,
} from './cloudtrail-aws-utils/trail-keys.js';

export { isAwsCallError } from './cloudtrail-aws-utils/record.js';

/** One CloudTrail log file in S3 (a gzipped `{"Records":[...]}`), as ListObjectsV2 described it. */
export interface TrailObject {
  bucket: string;
  key: string;
  size: number;
  /** As S3 returns it, quotes included. */
  etag: string;
  lastModified: Date;
}

/** Which files to list; every bound is optional. */
export interface S3TrailWindow {
  /** Records from this time on; files delivered before it (to the minute) are skipped. */
  since?: Date;
  /** Records up to this time; files delivered up to an hour later are listed too (delivery lag). */
  until?: Date;
  /** Account ids to read; default every account under `AWSLogs/`, organization trails included. */
  accounts?: string[];
  /** Regions to read; default every region the trail delivered to. */
  regions?: string[];
}

/** ListObjectsV2 calls in flight at once. */
const LIST_CONCURRENCY = 8;

interface Listing {
  prefixes: string[];
  objects: _Object[];
  error?: AwsCallError;
}

/**
 * Lists the trail files under `s3://bucket/prefix` that can hold records in the window, listing only the
 * prefixes it needs: `AWSLogs/` children (accounts, organization ids and their accounts), each account's
 * `CloudTrail/` regions, then one prefix per day from `since` to `until + 1h`. With an open bound, the
 * year, month and day folders are listed instead and those in range kept. Digest, Insights and other
 * objects whose name is not a log file name are skipped.
 *
 * Never throws: a failed call yields an `AwsCallError` and the other prefixes are still listed; a failure
 * at the top (`AWSLogs/` itself: no such bucket, access denied) ends the listing.
 */
export async function* listTrailObjects(
  s3: S3Client,
  url: string,
  window: S3TrailWindow = {},
): AsyncIterable<TrailObject | AwsCallError> {
  const at = parseTrailUrl(url);
  if (!at) {
    yield itemFailure(
      { service: 's3', operation: 'ListObjectsV2', target: JSON.stringify(url) },
      'InvalidS3Url',
      'expected s3://BUCKET or s3://BUCKET/PREFIX',
    );
    return;
  }
  const list = (prefix: string, delimited: boolean) => listAll(s3, at, prefix, delimited);

  const top = await list(at.logsPrefix, true);
  if (top.error) {
    yield top.error;
    return;
  }
  const wantAccount = filterOf(window.accounts);
  const wantRegion = filterOf(window.regions);
  const accounts: string[] = [];
  for (const p of top.prefixes) {
    const name = lastSegment(p);
    if (isAccountDir(name) && wantAccount(name)) accounts.push(p);
    else if (isOrgDir(name)) {
      const org = await list(p, true);
      if (org.error) yield org.error;
      accounts.push(
        ...org.prefixes.filter((a) => isAccountDir(lastSegment(a)) && wantAccount(lastSegment(a))),
      );
    }
  }

  const regionLists = await mapLimit(accounts, LIST_CONCURRENCY, (a) => list(`${a}CloudTrail/`, true));
  const regions: string[] = [];
  for (const r of regionLists) {
    if (r.error) yield r.error;
    regions.push(...r.prefixes.filter((p) => wantRegion(lastSegment(p))));
  }

  const delivery = deliveryWindow(window.since, window.until);
  let days: string[];
  if (delivery.from && delivery.to) {
    const paths = dayPaths(delivery.from, delivery.to);
    days = regions.flatMap((r) => paths.map((d) => `${r}${d}/`));
  } else {
    days = yield* findDays(regions, delivery, list);
  }

  for await (const day of orderedPool(days, LIST_CONCURRENCY, (d) => list(d, false))) {
    if (day.error) yield day.error;
    for (const o of day.objects) {
      const file = o.Key ? parseTrailFileName(o.Key) : undefined;
      if (!o.Key || !file || !isDelivered(file, delivery)) continue;
      yield {
        bucket: at.bucket,
        key: o.Key,
        size: o.Size ?? 0,
        etag: o.ETag ?? '',
        lastModified: o.LastModified ?? file.delivered,
      };
    }
  }
}

/**
 * The folders under a trail URL that hold account folders, as `s3://` URLs ending in `/`: its
 * `AWSLogs/` (a trail of one account) and/or `AWSLogs/o-ORG/` (organisation trails).
 */
export async function trailRoots(
  s3: S3Client,
  url: string,
): Promise<{ roots: string[]; error?: AwsCallError }> {
  const at = parseTrailUrl(url);
  if (!at)
    return {
      roots: [],
      error: itemFailure(
        { service: 's3', operation: 'ListObjectsV2', target: JSON.stringify(url) },
        'InvalidS3Url',
        'expected s3://BUCKET or s3://BUCKET/PREFIX',
      ),
    };
  const top = await listAll(s3, at, at.logsPrefix, true);
  if (top.error) return { roots: [], error: top.error };
  const names = top.prefixes.map(lastSegment);
  const roots = names.filter(isOrgDir).map((org) => `s3://${at.bucket}/${at.logsPrefix}${org}/`);
  if (names.some(isAccountDir)) roots.unshift(`s3://${at.bucket}/${at.logsPrefix}`);
  return { roots };
}

/** The bytes of one trail file (gzip, as stored), or why it could not be read. Never throws. */
export async function readTrailObject(s3: S3Client, obj: TrailObject): Promise<Uint8Array | AwsCallError> {
  const site: CallSite = { service: 's3', operation: 'GetObject', target: `s3://${obj.bucket}/${obj.key}` };
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: obj.bucket, Key: obj.key }));
    if (!out.Body) return itemFailure(site, 'EmptyBody', 'the response had no body');
    return await out.Body.transformToByteArray();
  } catch (err) {
    return toAwsCallError(site, err);
  }
}

/**
 * Walks `REGION/YYYY/`, `YYYY/MM/` and `MM/DD/` folders, keeping those that can hold files delivered in
 * the window; failures are yielded, the days found are returned.
 */
async function* findDays(
  regions: string[],
  delivery: { from?: Date; to?: Date },
  list: (prefix: string, delimited: boolean) => Promise<Listing>,
): AsyncGenerator<AwsCallError, string[]> {
  const from = delivery.from ? dayPath(delivery.from) : undefined;
  const to = delivery.to ? dayPath(delivery.to) : undefined;
  let level = regions.map((r) => ({ prefix: r, path: '' }));
  for (let depth = 0; depth < 3; depth++) {
    const listed = await mapLimit(level, LIST_CONCURRENCY, async (l) => ({
      l,
      r: await list(l.prefix, true),
    }));
    level = [];
    for (const { l, r } of listed) {
      if (r.error) yield r.error;
      for (const p of r.prefixes) {
        const path = l.path ? `${l.path}/${lastSegment(p)}` : lastSegment(p);
        if (pathInRange(path, from, to)) level.push({ prefix: p, path });
      }
    }
  }
  return level.map((l) => l.prefix);
}

/** Every page of one prefix; a failing page ends it, keeping what was read. */
async function listAll(
  s3: S3Client,
  at: TrailLocation,
  prefix: string,
  delimited: boolean,
): Promise<Listing> {
  const out: Listing = { prefixes: [], objects: [] };
  let token: string | undefined;
  do {
    try {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: at.bucket,
          Prefix: prefix,
          ...(delimited ? { Delimiter: '/' } : {}),
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const p of page.CommonPrefixes ?? []) if (p.Prefix) out.prefixes.push(p.Prefix);
      out.objects.push(...(page.Contents ?? []));
      const next = page.IsTruncated ? page.NextContinuationToken : undefined;
      if (next && next === token) {
        out.error = itemFailure(site(at, prefix), 'RepeatedContinuationToken', 'the listing did not advance');
        break;
      }
      token = next;
    } catch (err) {
      out.error = toAwsCallError(site(at, prefix), err);
      break;
    }
  } while (token);
  return out;
}

function site(at: TrailLocation, prefix: string): CallSite {
  return { service: 's3', operation: 'ListObjectsV2', target: `s3://${at.bucket}/${prefix}` };
}

function filterOf(values: string[] | undefined): (name: string) => boolean {
  if (!values?.length) return () => true;
  const set = new Set(values);
  return (name) => set.has(name);
}
