/**
 * One trail file to one usage partial: read, pre-filter, parse, match roles, map events. Runs in
 * the calling thread (`processTrailFile`) or, started by `runUsage` from the compiled `dist/`, as a
 * worker thread that loads the catalogue and the event map once and then handles one file per
 * message, answering with the partial in its compact, transferable form.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  type EventMapper,
  UsageAggregate,
  type UsageFilter,
  type UsageTransfer,
} from '../analyses/usage/aggregate.js';
import { mapEvent } from '../analyses/usage/event-map/index.js';
import { loadCatalog } from '../catalog/index.js';
import type { InputError } from '../model/errors.js';
import { parseTrailRecords, readTrailFile } from '../sources/cloudtrail-files.read.js';

export interface FileOutcome {
  /** The file's usage partial; absent when the file could not be read as a trail file. */
  transfer?: UsageTransfer;
  error?: InputError;
  /** Bytes once gunzipped. */
  bytes: number;
  /** False when the pre-filter showed the file holds none of the roles, or on error. */
  parsed: boolean;
}

/** The event map over the process-wide catalogue. */
export function catalogMapper(): EventMapper {
  const catalog = loadCatalog();
  return (record) => mapEvent(record, catalog);
}

/**
 * One file's usage partial. Duplicates are not dropped here: every counted record keeps its eventID
 * hash, and the merge into the total drops the ones already counted, in this file or another.
 */
export async function processTrailFile(
  path: string,
  filter: UsageFilter,
  map: EventMapper,
): Promise<FileOutcome> {
  const read = await readTrailFile(path, filter.roles.length > 0 ? { roles: filter.roles } : {});
  if (read.status === 'error') return { error: read.error, bytes: 0, parsed: false };
  const partial = new UsageAggregate(filter);
  if (read.status === 'no-match') return { transfer: partial.toTransfer(), bytes: read.bytes, parsed: false };
  const records = parseTrailRecords(read.text, path);
  if (!records.ok) return { error: records.errors[0], bytes: read.bytes, parsed: false };
  partial.addRecords(records.value, map);
  return { transfer: partial.toTransfer(), bytes: read.bytes, parsed: true };
}

/** What the worker is started with. */
export interface UsageWorkerData {
  scopedownUsageWorker: true;
  filter: UsageFilter;
}

export interface UsageWorkerRequest {
  path: string;
}

export interface UsageWorkerReply extends FileOutcome {
  path: string;
}

function isWorkerData(value: unknown): value is UsageWorkerData {
  return typeof value === 'object' && value !== null && 'scopedownUsageWorker' in value;
}

if (!isMainThread && parentPort && isWorkerData(workerData)) {
  const port = parentPort;
  const { filter } = workerData;
  const map = catalogMapper();
  // Files arrive one at a time (the main thread waits for each reply), so no queue is needed here.
  port.on('message', (request: UsageWorkerRequest) => {
    void processTrailFile(request.path, filter, map).then((outcome) => {
      const reply: UsageWorkerReply = { path: request.path, ...outcome };
      const t = outcome.transfer;
      port.postMessage(
        reply,
        t
          ? [t.numbers.buffer as ArrayBuffer, t.eventIds.buffer as ArrayBuffer, t.refs.buffer as ArrayBuffer]
          : [],
      );
    });
  });
}
