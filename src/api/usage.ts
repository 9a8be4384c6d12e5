/**
 * `scopedown usage`: what roles did according to CloudTrail log files. Files are listed (skipping
 * those the window rules out by name), then each is read, pre-filtered, parsed and aggregated on
 * its own, one file at a time per worker thread on every core; the main thread only merges the
 * small per-file partials, dropping records whose eventID it has already counted. Raw records never
 * outlive their file, so memory stays flat whatever the trail's size. Per-file partials are cached
 * on disk: a re-run reads only new or changed files.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type EventMapper,
  type RoleUsageSummary,
  trailTime,
  UsageAggregate,
  type UsageFilter,
  type UsageSkips,
  type UsageTransfer,
} from '../analyses/usage/aggregate.js';
import type { InputError } from '../model/errors.js';
import { listTrailFiles, type TrailFile } from '../sources/cloudtrail-files.read.js';
import {
  cacheKey,
  defaultCacheDir,
  readCacheEntry,
  writeCacheEntry,
} from '../sources/cloudtrail-utils/file-cache.js';
import {
  catalogMapper,
  type FileOutcome,
  processTrailFile,
  type UsageWorkerData,
  type UsageWorkerReply,
} from './usage-worker.js';

export interface UsageProgress {
  filesDone: number;
  filesTotal: number;
  /** Bytes on disk of the files done (compressed, for `.json.gz`). */
  bytes: number;
  /** Records read so far (cached files included). */
  records: number;
}

export interface UsageOptions {
  /** Role ARNs, IAM paths included (`sessionIssuer.arn`); empty or absent: every role. */
  roles?: readonly string[];
  since?: Date;
  until?: Date;
  /** Worker threads; default `os.availableParallelism()`. 0 processes files in this thread. */
  workers?: number;
  /** Cache folder; default `~/.cache/scopedown/usage`; `null`: no cache. */
  cache?: string | null;
  /** Mixed into cache keys: the CLI passes its version, so that new event mappings are never shadowed. */
  cacheVersion?: string;
  onProgress?: (p: UsageProgress) => void;
  /** Each worker's heap limit in MiB (default 128); files that do not fit are read in this thread. */
  workerHeapMb?: number;
}

export interface UsageResult {
  /** One entry per role asked for (even with no records), or per role seen; sorted by ARN. */
  roles: RoleUsageSummary[];
  /** Bounds as CloudTrail writes times (`YYYY-MM-DDTHH:MM:SSZ`), null when open. */
  window: { since: string | null; until: string | null };
  /** Trail files in the window. */
  files: number;
  /** Files gunzipped and parsed in this run. */
  filesParsed: number;
  /** Files the pre-filter showed to hold none of the roles: read, not parsed. */
  filesPrefiltered: number;
  /** Files whose result came from the cache, unread. */
  filesFromCache: number;
  /** Bytes on disk of the files in the window. */
  bytes: number;
  /** Records read (all roles, cached files included). */
  recordsRead: number;
  /** Records counted for the roles (in the window, duplicates dropped). */
  records: number;
  skipped: UsageSkips & {
    /** Digest files and `CloudTrail-Digest` folders. */
    digest: number;
    filesOutsideWindow: number;
    foldersOutsideWindow: number;
  };
  /** Records whose event mapping threw: a bug, reported rather than fatal. */
  mappingErrors: number;
  /** Files that could not be read (one line each, naming the file); the others were still read. */
  errors: InputError[];
  /** Worker threads used at once; 0 when files were processed in this thread. */
  workers: number;
  /** Cache entries that could not be written. */
  cacheWriteErrors: number;
  /** The merged aggregate, for callers that go on from it (generate, reports). */
  aggregate: UsageAggregate;
}

/** Bumped whenever the cached partial's meaning or layout changes. */
const CACHE_FORMAT = 'usage-2';

interface CacheEntry {
  format: string;
  since: string | null;
  until: string | null;
  bytes: number;
  parsed: boolean;
  error?: InputError;
  transfer?: { strings: string[]; numbers: string; eventIds: string; refs: string };
}

function encodeTransfer(t: UsageTransfer): NonNullable<CacheEntry['transfer']> {
  const b64 = (a: Float64Array | Int32Array) =>
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  return {
    strings: t.strings,
    numbers: b64(t.numbers),
    eventIds: b64(t.eventIds),
    refs: b64(t.refs),
  };
}

function decodeTransfer(t: NonNullable<CacheEntry['transfer']>): UsageTransfer {
  // Copies into fresh, aligned buffers: a Buffer's slice of the pool may start at any offset.
  const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
  return {
    strings: t.strings,
    numbers: new Float64Array(bytes(t.numbers).buffer),
    eventIds: new Float64Array(bytes(t.eventIds).buffer),
    refs: new Int32Array(bytes(t.refs).buffer),
  };
}

/**
 * Can a file's cached partial, computed for the window it names, stand for the current window?
 * Yes when each bound either is the same or leaves every matched record of the file inside both.
 */
function cacheFits(
  entry: CacheEntry,
  partial: UsageAggregate,
  since: string | null,
  until: string | null,
): boolean {
  const { matchedFrom: from, matchedTo: to } = partial;
  if (from === '') return true;
  const lowOk =
    entry.since === since ||
    ((entry.since === null || entry.since <= from) && (since === null || since <= from));
  const highOk =
    entry.until === until || ((entry.until === null || entry.until >= to) && (until === null || until >= to));
  return lowOk && highOk;
}

function isCacheEntry(value: unknown): value is CacheEntry {
  return (
    typeof value === 'object' && value !== null && (value as { format?: unknown }).format === CACHE_FORMAT
  );
}

/** The compiled worker, when this module runs from `dist/` (under vitest the sources run: no worker). */
function workerUrl(): URL | undefined {
  const url = new URL('./usage-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * Each worker's V8 heap limit. A 20 MB log file parses into about 30 MB of objects; without a limit
 * V8 lets garbage (and the external memory of the gunzipped bytes and text) pile up to several times
 * that before collecting, in every worker. A file too large for it is read again in the main thread.
 */
const WORKER_HEAP_MB = 128;

function isOutOfMemory(e: unknown): boolean {
  return e instanceof Error && 'code' in e && e.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/** A worker thread that handles one file per request. */
class FileWorker {
  private readonly worker: Worker;
  private pending: { resolve(r: UsageWorkerReply): void; reject(e: Error): void } | undefined;
  private failure: Error | undefined;

  constructor(url: URL, data: UsageWorkerData, heapMb: number) {
    this.worker = new Worker(url, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    this.worker.on('message', (reply: UsageWorkerReply) => {
      const p = this.pending;
      this.pending = undefined;
      p?.resolve(reply);
    });
    const fail = (e: Error) => {
      this.failure ??= e;
      const p = this.pending;
      this.pending = undefined;
      p?.reject(e);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`usage worker exited with code ${code}`)));
  }

  process(path: string): Promise<UsageWorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage({ path });
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/** Reads CloudTrail files under the paths and aggregates what the roles did. */
export async function runUsage(paths: readonly string[], options: UsageOptions = {}): Promise<UsageResult> {
  const roles = [...new Set(options.roles ?? [])].sort();
  const filter: UsageFilter = { roles, since: options.since, until: options.until };
  const since = options.since ? (trailTime(options.since) ?? null) : null;
  const until = options.until ? (trailTime(options.until) ?? null) : null;
  const listing = await listTrailFiles(paths, { since: options.since, until: options.until });
  const files = listing.files;
  const cacheDir = options.cache === undefined ? defaultCacheDir('usage') : options.cache;

  const total = new UsageAggregate(filter);
  const seen = new Set<number>();
  const fileErrors: Array<InputError | undefined> = new Array(files.length);
  const counts = { parsed: 0, prefiltered: 0, fromCache: 0, done: 0, bytes: 0, cacheWriteErrors: 0 };
  const report = () =>
    options.onProgress?.({
      filesDone: counts.done,
      filesTotal: files.length,
      bytes: counts.bytes,
      records: total.recordsRead,
    });

  const keyOf = (file: TrailFile) =>
    cacheKey([CACHE_FORMAT, options.cacheVersion ?? '', resolve(file.path), file.size, file.mtimeMs, roles]);
  let cacheWrites: Promise<void> = Promise.resolve();
  const remember = (file: TrailFile, outcome: FileOutcome) => {
    if (!cacheDir) return;
    const entry: CacheEntry = {
      format: CACHE_FORMAT,
      since,
      until,
      bytes: outcome.bytes,
      parsed: outcome.parsed,
    };
    if (outcome.error) entry.error = outcome.error;
    if (outcome.transfer) entry.transfer = encodeTransfer(outcome.transfer);
    const key = keyOf(file);
    cacheWrites = cacheWrites.then(() =>
      writeCacheEntry(cacheDir, key, entry).catch(() => {
        counts.cacheWriteErrors++;
      }),
    );
  };
  const recall = async (file: TrailFile): Promise<FileOutcome | undefined> => {
    if (!cacheDir) return undefined;
    const entry = await readCacheEntry(cacheDir, keyOf(file));
    if (!isCacheEntry(entry)) return undefined;
    try {
      const transfer = entry.transfer ? decodeTransfer(entry.transfer) : undefined;
      // Checked in full before it touches the total: a corrupt entry is a miss.
      const partial = transfer ? UsageAggregate.fromTransfer(transfer, filter) : undefined;
      if (partial && !cacheFits(entry, partial, since, until)) return undefined;
      return { transfer, error: entry.error, bytes: entry.bytes, parsed: entry.parsed };
    } catch {
      return undefined;
    }
  };
  const finish = (index: number, outcome: FileOutcome, cached: boolean) => {
    if (outcome.error) fileErrors[index] = outcome.error;
    if (outcome.transfer) total.mergeTransfer(outcome.transfer, seen);
    if (cached) counts.fromCache++;
    else if (outcome.parsed) counts.parsed++;
    else if (!outcome.error) counts.prefiltered++;
    counts.done++;
    counts.bytes += files[index]!.size;
    report();
  };

  const url = workerUrl();
  const wanted = options.workers ?? availableParallelism();
  const lanes = Math.max(1, Math.min(wanted, files.length));
  const useWorkers = url !== undefined && wanted >= 1;
  const workers: FileWorker[] = [];
  let threads = 0;
  let map: EventMapper | undefined;
  let next = 0;
  /** The next file that is not in the cache (cached ones are merged on the way), or -1. */
  const nextToRead = async (): Promise<number> => {
    while (next < files.length) {
      const index = next++;
      const cached = await recall(files[index]!);
      if (!cached) return index;
      finish(index, cached, true);
    }
    return -1;
  };
  const done = (index: number, outcome: FileOutcome) => {
    remember(files[index]!, outcome);
    finish(index, outcome, false);
  };
  const lane = async () => {
    let index = await nextToRead();
    if (index < 0) return;
    if (!useWorkers) {
      map ??= catalogMapper();
      for (; index >= 0; index = await nextToRead())
        done(index, await processTrailFile(files[index]!.path, filter, map));
      return;
    }
    const start = () => {
      const w = new FileWorker(
        url,
        { scopedownUsageWorker: true, filter },
        options.workerHeapMb ?? WORKER_HEAP_MB,
      );
      workers.push(w);
      return w;
    };
    threads++;
    let worker = start();
    const read = async (path: string): Promise<FileOutcome> => {
      try {
        return await worker.process(path);
      } catch (e) {
        if (!isOutOfMemory(e)) throw e;
        // Too large for a worker's heap: this thread has no such limit. The lane gets a new worker.
        worker = start();
        map ??= catalogMapper();
        return processTrailFile(path, filter, map);
      }
    };
    let pending = read(files[index]!.path);
    while (index >= 0) {
      const outcome = await pending;
      const finished = index;
      // The worker gets its next file before this thread merges the last one, so it never waits for it.
      index = await nextToRead();
      if (index >= 0) pending = read(files[index]!.path);
      done(finished, outcome);
    }
  };
  try {
    await Promise.all(Array.from({ length: useWorkers ? lanes : 1 }, lane));
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
  await cacheWrites;

  const errors = [...listing.errors, ...fileErrors.filter((e): e is InputError => e !== undefined)];
  return {
    roles: total.summaries(),
    window: { since, until },
    files: files.length,
    filesParsed: counts.parsed,
    filesPrefiltered: counts.prefiltered,
    filesFromCache: counts.fromCache,
    bytes: files.reduce((n, f) => n + f.size, 0),
    recordsRead: total.recordsRead,
    records: total.records,
    skipped: {
      ...total.skipped,
      digest: listing.skipped.digest,
      filesOutsideWindow: listing.skipped.filesOutsideWindow,
      foldersOutsideWindow: listing.skipped.foldersOutsideWindow,
    },
    mappingErrors: total.mappingErrors,
    errors,
    workers: threads,
    cacheWriteErrors: counts.cacheWriteErrors,
    aggregate: total,
  };
}
