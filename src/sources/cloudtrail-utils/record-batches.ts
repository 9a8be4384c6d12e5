/**
 * A log file's records in batches, each parsed from about 48 KB of text: pure, bytes in.
 *
 * Why not one JSON.parse of the whole file: a 20 MB file becomes a 20 MB string and ~30 MB of
 * objects that all live until the last record is counted, so every object is copied out of V8's
 * young generation and every page is fresh memory. Parsed 48 KB at a time, each batch is counted
 * while its objects are still in the CPU caches and dies young; on the machines measured (see
 * `bench/usage.bench.ts`) this is 2–3× faster and holds a file's bytes, not its objects, in memory.
 *
 * CloudTrail writes `{"Records":[{"eventVersion":...},{"eventVersion":...}]}` without whitespace,
 * so records are split at `},{"eventVersion":`. That byte sequence cannot occur inside a JSON string
 * (its `"` would have to be escaped), so it separates two objects at some depth; when the depth is
 * not that of the records, the batch holds an unclosed object and fails to parse, and the file is
 * parsed whole instead (after `reset`). Files in any other layout are parsed whole too.
 */
import { isAscii } from 'node:buffer';
import type { CloudTrailRecord } from '../../model/cloudtrail.js';
import type { InputError } from '../../model/errors.js';
import { fail, ok, type Result } from '../../model/result.js';
import { parseTrailRecords } from './records.js';

/** Below V8's large-object threshold, so that batch strings are ordinary young-generation strings. */
export const BATCH_BYTES = 48 * 1024;

const HEAD = Buffer.from('{"Records":[');
const BOUNDARY = Buffer.from('},{"eventVersion":');

export interface RecordSink {
  batch(records: CloudTrailRecord[]): void;
  /** Forget the batches so far: the file is about to be delivered again, whole. */
  reset(): void;
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Bytes to text: ASCII read as Latin-1 is a plain copy, several times faster than UTF-8 decoding. */
export function decodeText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** Where the records array's contents lie, when the file has the compact shape CloudTrail writes. */
function recordsSpan(bytes: Buffer): { start: number; end: number } | undefined {
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (isSpace(bytes[start])) start++;
  if (bytes.compare(HEAD, 0, HEAD.length, start, start + HEAD.length) !== 0) return undefined;
  let end = bytes.length - 1;
  while (end > start && isSpace(bytes[end])) end--;
  if (bytes[end] !== 0x7d || bytes[end - 1] !== 0x5d) return undefined; // `]}`
  return { start: start + HEAD.length, end: end - 1 };
}

/**
 * Parses the file's records batch by batch into `sink`. With `mayHold`, a batch whose bytes it
 * rejects (the role pre-filter) is not parsed. Returns the number of records parsed, or the
 * file's error (not JSON, not `{"Records": [...]}`), as parsing it whole reports it.
 */
export function parseTrailBatches(
  bytes: Buffer,
  file: string,
  sink: RecordSink,
  mayHold?: (batch: Buffer) => boolean,
): Result<number, InputError> {
  const span = recordsSpan(bytes);
  let parsed = 0;
  if (span) {
    let { start } = span;
    const { end } = span;
    let whole = false;
    while (start < end) {
      let cut = start + BATCH_BYTES >= end ? -1 : bytes.indexOf(BOUNDARY, start + BATCH_BYTES);
      cut = cut < 0 || cut >= end ? end : cut + 1;
      const chunk = bytes.subarray(start, cut);
      start = cut + 1; // past the comma
      if (mayHold && !mayHold(chunk)) continue;
      let records: CloudTrailRecord[];
      try {
        records = JSON.parse(`[${decodeText(chunk)}]`) as CloudTrailRecord[];
      } catch {
        whole = true;
        break;
      }
      parsed += records.length;
      sink.batch(records);
    }
    if (!whole) return ok(parsed);
    sink.reset();
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const records = parseTrailRecords(decodeText(body), file);
  if (!records.ok) return fail(...records.errors);
  sink.batch(records.value);
  return ok(records.value.length);
}
