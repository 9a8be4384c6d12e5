/**
 * Where CloudTrail puts its files in S3 (aws-facts §1.1), as pure key arithmetic:
 * `bucket/prefix/AWSLogs/[o-ORGID/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/FILE.json.gz`.
 */

/** A trail location: the bucket, and the key prefix that ends in `AWSLogs/`. */
import { deliveryRange } from '../cloudtrail-utils/delivery-time.js';

export interface TrailLocation {
  bucket: string;
  logsPrefix: string;
}

/** What a log file's name tells: `ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_UNIQUE.json.gz`. */
export interface TrailFileName {
  account: string;
  region: string;
  /** Delivery time, minute resolution (UTC). */
  delivered: Date;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
// Real unique strings are 16 characters; any length is accepted.
const FILE_NAME = /^(\d{12})_CloudTrail_([a-z0-9-]+)_\d{8}T\d{4}Z_[A-Za-z0-9]+\.json\.gz$/;
const ACCOUNT_DIR = /^\d{12}$/;
const ORG_DIR = /^o-[a-z0-9]+$/;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * `s3://bucket`, `s3://bucket/prefix` or `s3://bucket/prefix/AWSLogs` → the bucket and the `AWSLogs/`
 * prefix under it; undefined when the text is not such a URL.
 */
export function parseTrailUrl(url: string): TrailLocation | undefined {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(url.trim());
  const bucket = m?.[1];
  if (!bucket || !BUCKET.test(bucket)) return undefined;
  const prefix = (m[2] ?? '').replace(/\/+$/, '');
  if (prefix === '') return { bucket, logsPrefix: 'AWSLogs/' };
  if (prefix === 'AWSLogs' || prefix.endsWith('/AWSLogs')) return { bucket, logsPrefix: `${prefix}/` };
  return { bucket, logsPrefix: `${prefix}/AWSLogs/` };
}

/** The last segment of a common prefix: `a/b/c/` → `c`. */
export function lastSegment(prefix: string): string {
  return prefix.replace(/\/$/, '').split('/').pop() ?? '';
}

export function isAccountDir(name: string): boolean {
  return ACCOUNT_DIR.test(name);
}

export function isOrgDir(name: string): boolean {
  return ORG_DIR.test(name);
}

/** The log file name of a key, parsed; undefined for anything else (digests, stray objects). */
export function parseTrailFileName(key: string): TrailFileName | undefined {
  const m = FILE_NAME.exec(key.slice(key.lastIndexOf('/') + 1));
  // The stamp itself is read (and checked for dates like 2025/02/31) where local files read it.
  const range = m ? deliveryRange(key) : undefined;
  if (!m?.[1] || !m[2] || !range) return undefined;
  return { account: m[1], region: m[2], delivered: new Date(range.from) };
}

/**
 * The delivery times worth reading for records in [since, until]: a file holds records from before its
 * delivery, and the delivery lags by up to about an hour, so the end is `until + 1h`. A file named for
 * minute M was delivered during M, so the start is `since` rounded down to its minute.
 */
export function deliveryWindow(since: Date | undefined, until: Date | undefined): { from?: Date; to?: Date } {
  const out: { from?: Date; to?: Date } = {};
  if (since) out.from = new Date(Math.floor(since.getTime() / 60_000) * 60_000);
  if (until) out.to = new Date(until.getTime() + HOUR_MS);
  return out;
}

export function isDelivered(file: TrailFileName, window: { from?: Date; to?: Date }): boolean {
  const t = file.delivered.getTime();
  return (!window.from || t >= window.from.getTime()) && (!window.to || t <= window.to.getTime());
}

/** `YYYY/MM/DD` of a UTC date. */
export function dayPath(d: Date): string {
  return d.toISOString().slice(0, 10).replaceAll('-', '/');
}

/** Every `YYYY/MM/DD` from `from`'s day to `to`'s day (UTC), both included. */
export function dayPaths(from: Date, to: Date): string[] {
  const out: string[] = [];
  const last = Math.floor(to.getTime() / DAY_MS);
  for (let day = Math.floor(from.getTime() / DAY_MS); day <= last; day++) {
    out.push(dayPath(new Date(day * DAY_MS)));
  }
  return out;
}

/**
 * Whether a partial date path (`YYYY`, `YYYY/MM` or `YYYY/MM/DD`) can hold days in [from, to]; used
 * to walk years, months and days when a bound of the window is open.
 */
export function pathInRange(partial: string, from: string | undefined, to: string | undefined): boolean {
  if (!/^\d{4}(?:\/\d{2}){0,2}$/.test(partial)) return false;
  return (
    (from === undefined || partial >= from.slice(0, partial.length)) &&
    (to === undefined || partial <= to.slice(0, partial.length))
  );
}
