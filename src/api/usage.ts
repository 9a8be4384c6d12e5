/**
 * `scopedown usage`: what roles did according to CloudTrail log files. Files are listed (skipping
 * those the window rules out by name), then read one at a time per worker thread on every core
 * (`usage-worker.ts`: cache, read, pre-filter, parse in batches, aggregate); each worker hands its
 * aggregate over every few hundred thousand records, and this thread merges them, dropping records
 * whose eventID it has already counted. Raw records never outlive their batch, so memory stays
 * flat whatever the trail's size. Per-file results are cached on disk: a re-run reads only new or
 * changed files.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  EventIdSet,
  type RoleUsageSummary,
  trailTime,
  UsageAggregate,
  type UsageFilter,
  type UsageSkips,
  type UsageView,
} from '../analyses/usage/aggregate.js';
import type { InputError } from '../model/errors.js';
import { listTrailFiles, type TrailFile, type TrailListing } from '../sources/cloudtrail-files.read.js';
import { defaultCacheDir } from '../sources/cloudtrail-utils/file-cache.js';
import {
  catalogMapper,
  FileProcessor,
  type FileReport,
  type FileResult,
  type UsageJob,
  type UsageWorkerData,
  type UsageWorkerReply,
  type UsageWorkerRequest,
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
  /** Also split each role's usage per ECS task or per task definition revision. */
  view?: UsageView;
  since?: Date;
  until?: Date;
  /** Worker threads; default `os.availableParallelism()`. 0 processes files in this thread. */
  workers?: number;
  /** Cache folder; default `~/.cache/scopedown/usage`; `null`: no cache. */
  cache?: string | null;
  /** Mixed into cache keys: the CLI passes its version, so that new event mappings are never shadowed. */
  cacheVersion?: string;
  onProgress?: (p: UsageProgress) => void;
  /** Each worker's heap limit in MiB (default 128); a worker that runs out hands its files to this thread. */
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

/**
 * Each worker's V8 heap limit. Parsing in batches keeps a worker's heap small (its aggregate and one
 * batch of records); without a limit V8 lets garbage, and the external memory of gunzipped bytes,
 * pile up to several times that in every worker before collecting. Only a file that is not in
 * CloudTrail's compact layout is parsed whole; if one does not fit, this thread reads it again.
 */
const WORKER_HEAP_MB = 128;

/** Requests kept in flight per worker, so that it never waits for this thread between files. */
const IN_FLIGHT = 2;
/** More when each file is fetched first (S3): downloads run ahead of the worker. */
const IN_FLIGHT_STAGED = 4;

function isOutOfMemory(e: unknown): boolean {
  return e instanceof Error && 'code' in e && e.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/** The compiled worker, when this module runs from `dist/` (under vitest the sources run: no worker). */
function workerUrl(): URL | undefined {
  const url = new URL('./usage-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

/** A worker thread answering requests in order. */
class FileWorker {
  private readonly worker: Worker;
  private readonly waiting: Array<{ resolve(r: UsageWorkerReply): void; reject(e: Error): void }> = [];
  private failure: Error | undefined;

  constructor(url: URL, data: UsageWorkerData, heapMb: number) {
    this.worker = new Worker(url, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    this.worker.on('message', (reply: UsageWorkerReply) => this.waiting.shift()?.resolve(reply));
    const fail = (e: Error) => {
      this.failure ??= e;
      for (const w of this.waiting.splice(0)) w.reject(this.failure);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`usage worker exited with code ${code}`)));
  }

  send(request: UsageWorkerRequest): Promise<UsageWorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/**
 * Files that are not on disk (S3 objects): this thread fetches each just before a worker reads it
 * and removes it after, so that only the files in flight take disk space.
 */
export interface FileStager {
  stage(file: TrailFile): Promise<{ path: string; release(): Promise<void> } | { error: InputError }>;
}

/** Reads CloudTrail files under the paths and aggregates what the roles did. */
export async function runUsage(paths: readonly string[], options: UsageOptions = {}): Promise<UsageResult> {
  const listing = await listTrailFiles(paths, { since: options.since, until: options.until });
  return runUsageOnFiles(listing, options);
}

/**
 * Aggregates listed trail files. With a stager, `files` name where the content is (`path` may be
 * an `s3://` URL, `cacheId` its identity): a cached result is used without fetching the file.
 */
export async function runUsageOnFiles(
  listing: TrailListing,
  options: UsageOptions & { stager?: FileStager } = {},
): Promise<UsageResult> {
  const roles = [...new Set(options.roles ?? [])].sort();
  const filter: UsageFilter = {
    roles,
    since: options.since,
    until: options.until,
    ...(options.view ? { view: options.view } : {}),
  };
  const since = options.since ? (trailTime(options.since) ?? null) : null;
  const until = options.until ? (trailTime(options.until) ?? null) : null;
  const files = listing.files;
  const stager = options.stager;
  const cacheDir = options.cache === undefined ? defaultCacheDir('usage') : options.cache;
  const job: UsageJob = {
    filter,
    cache: cacheDir ? { dir: cacheDir, version: options.cacheVersion ?? '' } : null,
  };

  const total = new UsageAggregate(filter);
  // Sized for every record when every role is wanted (about one per 150 compressed bytes).
  const seen = new EventIdSet(roles.length === 0 ? files.reduce((n, f) => n + f.size, 0) / 150 : 0);
  const reports: Array<FileReport | undefined> = new Array(files.length);
  let done = 0;
  let bytes = 0;
  let records = 0;
  const finish = (index: number, result: FileResult) => {
    if (result.transfer) total.mergeTransfer(result.transfer, seen);
    reports[index] = result.report;
    done++;
    bytes += files[index]!.size;
    records += result.report.records;
    options.onProgress?.({ filesDone: done, filesTotal: files.length, bytes, records });
  };

  // In this thread when there is no compiled worker, and for the files of a worker that ran out of
  // heap, one at a time (lanes may lose their workers at once).
  let local: FileProcessor | undefined;
  const here = () => {
    local ??= new FileProcessor(job, catalogMapper());
    return local;
  };
  /** `read(file)` on the file as a local path: staged first (unless its cached result will do), released after. */
  const onDisk = async (
    index: number,
    read: (file: TrailFile) => Promise<FileResult>,
  ): Promise<FileResult> => {
    const file = files[index]!;
    if (!stager) return read(file);
    const hit = await here().cached(file);
    if (hit) return hit;
    const staged = await stager.stage(file);
    if ('error' in staged) return { report: { status: 'error', error: staged.error, records: 0 } };
    try {
      return await read({ ...file, path: staged.path });
    } finally {
      await staged.release();
    }
  };
  let localTurn: Promise<void> = Promise.resolve();
  const readHere = (index: number): Promise<void> => {
    localTurn = localTurn.then(async () => {
      finish(index, await onDisk(index, (file) => here().process(file)));
    });
    return localTurn;
  };

  const url = workerUrl();
  const wanted = options.workers ?? availableParallelism();
  const useWorkers = url !== undefined && wanted >= 1 && files.length > 0;
  const workers: FileWorker[] = [];
  let threads = 0;
  let next = 0;
  const lane = async () => {
    const start = () => {
      const w = new FileWorker(
        url!,
        { scopedownUsageWorker: true, job },
        options.workerHeapMb ?? WORKER_HEAP_MB,
      );
      workers.push(w);
      return w;
    };
    threads++;
    let worker = start();
    let answered = 0;
    const inFlight: Array<{ index: number; reply: Promise<UsageWorkerReply> }> = [];
    for (;;) {
      while (inFlight.length < (stager ? IN_FLIGHT_STAGED : IN_FLIGHT) && next < files.length) {
        const index = next++;
        const sender = worker;
        const reply = onDisk(index, (file) => sender.send({ file }));
        reply.catch(() => {}); // observed when its turn comes; a failed worker fails them all at once
        inFlight.push({ index, reply });
      }
      const head = inFlight.shift();
      if (!head) return;
      try {
        finish(head.index, await head.reply);
        answered++;
      } catch (e) {
        if (!isOutOfMemory(e)) throw e;
        // The worker is gone: its files are read again here, where the heap has no such limit.
        const lost = [head.index, ...inFlight.splice(0).map((f) => f.index)];
        for (const index of lost) await readHere(index);
        if (answered === 0) {
          // Not even one file fits in a worker: this lane goes on here.
          while (next < files.length) await readHere(next++);
          return;
        }
        answered = 0;
        worker = start();
      }
    }
  };
  try {
    if (useWorkers) await Promise.all(Array.from({ length: Math.min(wanted, files.length) }, lane));
    else for (let i = 0; i < files.length; i++) await readHere(i);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }

  const read = reports.filter((r): r is FileReport => r !== undefined);
  const count = (status: FileReport['status']) => read.filter((r) => r.status === status).length;
  const errors = [...listing.errors, ...read.flatMap((r) => (r.error ? [r.error] : []))];
  return {
    roles: total.summaries(),
    window: { since, until },
    files: files.length,
    filesParsed: count('parsed'),
    filesPrefiltered: count('prefiltered'),
    filesFromCache: count('cached'),
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
    cacheWriteErrors: read.filter((r) => r.cacheWriteFailed).length,
    aggregate: total,
  };
}
