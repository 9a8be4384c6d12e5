/**
 * CloudTrail log files on disk: which files a window needs (without opening the others), and one
 * file read whole into memory, gunzipped, with a cheap test that skips files that cannot hold a
 * wanted role's records, then parsed as text or in batches (`cloudtrail-utils/record-batches.ts`).
 * Every problem is a one-line InputError naming the file; none is thrown.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { InputError } from '../model/errors.js';
import {
  deliveryRange,
  type FileWindow,
  folderRange,
  mayHoldWindow,
} from './cloudtrail-utils/delivery-time.js';
import { decodeText, parseTrailBatches, type RecordSink } from './cloudtrail-utils/record-batches.js';
import { fileError, missingOrUnreadable } from './text-file.read.js';

export { DELIVERY_LAG_MS, deliveryRange } from './cloudtrail-utils/delivery-time.js';
export { BATCH_BYTES, parseTrailBatches, type RecordSink } from './cloudtrail-utils/record-batches.js';
export { parseTrailRecords } from './cloudtrail-utils/records.js';

export interface TrailFile {
  path: string;
  /** Bytes on disk (compressed for `.json.gz`). */
  size: number;
  mtimeMs: number;
  /**
   * What identifies the file's content for the per-file cache, when the path does not (an S3 object
   * staged in a temporary folder: `s3://bucket/key` and its ETag).
   */
  cacheId?: string;
}

export interface TrailListing {
  /** In the order given; folders walked recursively in code-unit order. */
  files: TrailFile[];
  errors: InputError[];
  skipped: {
    /** Digest files and `CloudTrail-Digest` folders. */
    digest: number;
    /** Files whose name or folder shows a delivery time outside the window (plus the lag). */
    filesOutsideWindow: number;
    /** `YYYY/MM/DD` and `YYYY/MM` folders left unlisted for the same reason. */
    foldersOutsideWindow: number;
  };
}

export interface TrailWindow {
  since?: Date;
  until?: Date;
}

const DIGEST_FOLDER = 'CloudTrail-Digest';

function isTrailName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.json.gz') || lower.endsWith('.json');
}

function isDigestName(name: string): boolean {
  return name.includes('_CloudTrail-Digest_');
}

function toFileWindow(window: TrailWindow): FileWindow {
  return { since: window.since?.getTime(), until: window.until?.getTime() };
}

/**
 * The trail files under the paths: `.json.gz` and `.json` files at any depth (the `AWSLogs/...`
 * layout or any other), skipping digest files, `CloudTrail-Digest` folders, dot-folders and
 * `node_modules`. With a window, files (and date folders) whose delivery time, as their name or
 * `YYYY/MM/DD` folders tell it, falls before `since` or more than an hour after `until` are skipped
 * unopened. An explicit file is taken whatever its extension, but the window still applies.
 */
export async function listTrailFiles(
  paths: readonly string[],
  window: TrailWindow = {},
): Promise<TrailListing> {
  const listing: TrailListing = {
    files: [],
    errors: [],
    skipped: { digest: 0, filesOutsideWindow: 0, foldersOutsideWindow: 0 },
  };
  const fw = toFileWindow(window);
  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (e) {
      listing.errors.push(missingOrUnreadable(path, e));
      continue;
    }
    if (!info.isDirectory()) {
      if (mayHoldWindow(deliveryRange(path), fw)) {
        listing.files.push({ path, size: info.size, mtimeMs: info.mtimeMs });
      } else listing.skipped.filesOutsideWindow++;
      continue;
    }
    const before =
      listing.files.length + listing.skipped.filesOutsideWindow + listing.skipped.foldersOutsideWindow;
    await walk(path, fw, listing);
    const after =
      listing.files.length + listing.skipped.filesOutsideWindow + listing.skipped.foldersOutsideWindow;
    if (after === before && !listing.errors.some((e) => e.file.startsWith(path))) {
      listing.errors.push(fileError(path, 'NO_INPUT', 'folder holds no CloudTrail .json.gz or .json files'));
    }
  }
  return listing;
}

async function walk(dir: string, window: FileWindow, out: TrailListing): Promise<void> {
  let entries: Array<{ name: string; isDirectory(): boolean; isFile(): boolean; isSymbolicLink(): boolean }>;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    out.errors.push(missingOrUnreadable(dir, e));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      if (entry.name === DIGEST_FOLDER) {
        out.skipped.digest++;
      } else if (!mayHoldWindow(folderRange(full), window)) {
        out.skipped.foldersOutsideWindow++;
      } else {
        await walk(full, window, out);
      }
      continue;
    }
    if (!(entry.isFile() || entry.isSymbolicLink()) || !isTrailName(entry.name)) continue;
    if (isDigestName(entry.name)) {
      out.skipped.digest++;
      continue;
    }
    if (!mayHoldWindow(deliveryRange(full), window)) {
      out.skipped.filesOutsideWindow++;
      continue;
    }
    try {
      const info = await stat(full);
      if (info.isFile()) out.files.push({ path: full, size: info.size, mtimeMs: info.mtimeMs });
    } catch (e) {
      out.errors.push(missingOrUnreadable(full, e));
    }
  }
}

/**
 * CloudTrail files are tens of MB at most; V8 strings stop short of 512 MiB. Anything larger is
 * not a log file read by mistake, and is refused before it exhausts memory.
 */
export const MAX_TRAIL_FILE_BYTES = 500 * 1024 * 1024;

function zlibProblem(file: string, e: unknown): InputError {
  const code = e instanceof Error && 'code' in e ? String(e.code) : '';
  const message = e instanceof Error ? e.message : String(e);
  if (code === 'Z_BUF_ERROR' || message === 'unexpected end of file') {
    return fileError(file, 'TRUNCATED_GZIP', 'truncated gzip file (unexpected end of file); partly copied?');
  }
  if (code === 'ERR_BUFFER_TOO_LARGE') {
    return fileError(file, 'FILE_TOO_LARGE', 'over 500 MiB once gunzipped; not a CloudTrail log file');
  }
  return fileError(file, 'INVALID_GZIP', `not valid gzip data: ${message}`);
}

/** The file's bytes, gunzipped when they start with gzip's magic number (whatever the name says). */
export async function readTrailBytes(path: string): Promise<{ bytes: Buffer } | { error: InputError }> {
  let raw: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory())
      return { error: fileError(path, 'READ_ERROR', 'is a directory, expected a file') };
    if (info.size > MAX_TRAIL_FILE_BYTES) {
      return { error: fileError(path, 'FILE_TOO_LARGE', 'over 500 MiB; not a CloudTrail log file') };
    }
    raw = await readFile(path);
  } catch (e) {
    return { error: missingOrUnreadable(path, e) };
  }
  if (raw[0] !== 0x1f || raw[1] !== 0x8b) return { bytes: raw };
  try {
    return { bytes: gunzipSync(raw, { maxOutputLength: MAX_TRAIL_FILE_BYTES, chunkSize: outputChunk(raw) }) };
  } catch (e) {
    return { error: zlibProblem(path, e) };
  }
}

/**
 * gzip's trailer holds the uncompressed size (mod 2^32): one output chunk of that size spares zlib
 * collecting 16 KiB chunks and concatenating them, a copy of the whole file. The trailer is only
 * trusted within deflate's maximum ratio and a cap, and a wrong one only costs more chunks.
 */
function outputChunk(raw: Buffer): number {
  const size = raw.length >= 18 ? raw.readUInt32LE(raw.length - 4) : 0;
  return Math.max(64 * 1024, Math.min(size + 1, raw.length * 1032, 256 * 1024 * 1024));
}

/** Beyond this many roles, searching for each costs about as much as parsing: every file is parsed. */
export const PREFILTER_MAX_ROLES = 32;

/**
 * Could the text hold a record of one of these roles? A record names its role's ARN in
 * `sessionIssuer.arn`, so a file that contains none of the ARNs as a substring (as written, or with
 * `/` escaped as `\/`, which JSON allows) has no matching record. The match is on the bare ARN, not
 * on `"arn":"..."`, so that whitespace or key order cannot hide a record. Searching bytes before
 * decoding costs a few ms per 10 MB; JSON.parse of the same costs ~100 ms.
 */
export function mayMentionRoles(bytes: Buffer, roles: readonly string[]): boolean {
  if (roles.length === 0 || roles.length > PREFILTER_MAX_ROLES) return true;
  let escaped: boolean | undefined;
  for (const role of roles) {
    if (bytes.includes(role)) return true;
    if (!role.includes('/')) continue;
    escaped ??= bytes.includes('\\/');
    if (escaped && bytes.includes(role.replaceAll('/', '\\/'))) return true;
  }
  return false;
}

/** Bytes to text (ASCII, the usual case, fast); a UTF-8 BOM is dropped. */
export function trailText(bytes: Buffer): string {
  return decodeText(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes);
}

/**
 * Does the file start like a log file, `{"Records": [`? The pre-filter only skips files that do, so
 * that a file that is not CloudTrail is still reported, whatever the role filter.
 */
function looksLikeTrail(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).includes('"Records"');
}

export type TrailRead =
  | { status: 'text'; text: string; bytes: number }
  /** The pre-filter found none of the roles: nothing to parse. */
  | { status: 'no-match'; bytes: number }
  | { status: 'error'; error: InputError };

/**
 * Reads one trail file whole into memory as text (`bytes`: its size once gunzipped). With `roles`
 * (ARNs), a log file that cannot hold their records comes back as `no-match`, neither decoded nor
 * parsed.
 */
export async function readTrailFile(
  path: string,
  options: { roles?: readonly string[] } = {},
): Promise<TrailRead> {
  const read = await readTrailBytes(path);
  if ('error' in read) return { status: 'error', error: read.error };
  const { bytes } = read;
  if (options.roles && !mayMentionRoles(bytes, options.roles) && looksLikeTrail(bytes)) {
    return { status: 'no-match', bytes: bytes.length };
  }
  return { status: 'text', text: trailText(bytes), bytes: bytes.length };
}

export type TrailBatchRead =
  | { status: 'parsed'; bytes: number; records: number }
  /** The pre-filter found none of the roles: nothing parsed. */
  | { status: 'no-match'; bytes: number }
  | { status: 'error'; error: InputError; bytes: number };

/**
 * Reads one trail file whole into memory (`bytes`: its size once gunzipped) and parses its records
 * into `sink` in batches (`parseTrailBatches`). With `roles` (ARNs), a log file that cannot hold
 * their records is neither decoded nor parsed, and within a file neither is a batch that cannot.
 */
export async function readTrailBatches(
  path: string,
  sink: RecordSink,
  options: { roles?: readonly string[] } = {},
): Promise<TrailBatchRead> {
  const read = await readTrailBytes(path);
  if ('error' in read) return { status: 'error', error: read.error, bytes: 0 };
  const { bytes } = read;
  const roles = options.roles ?? [];
  const filtered = roles.length > 0 && roles.length <= PREFILTER_MAX_ROLES;
  if (filtered && !mayMentionRoles(bytes, roles) && looksLikeTrail(bytes)) {
    return { status: 'no-match', bytes: bytes.length };
  }
  const mayHold = filtered ? (batch: Buffer) => mayMentionRoles(batch, roles) : undefined;
  const parsed = parseTrailBatches(bytes, path, sink, mayHold);
  return parsed.ok
    ? { status: 'parsed', bytes: bytes.length, records: parsed.value }
    : { status: 'error', error: parsed.errors[0]!, bytes: bytes.length };
}
