/** Every CloudTrail record the fixtures hold: the per-event records and the trail files that parse. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CloudTrailRecord } from '../../src/model/cloudtrail.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'cloudtrail');

/** A record and where it is: `records/FILE#INDEX` or `files/PATH#INDEX`. */
export type LabelledRecord = readonly [label: string, record: CloudTrailRecord];

function recordsOf(text: string): CloudTrailRecord[] {
  try {
    const records = (JSON.parse(text) as { Records?: unknown }).Records;
    return Array.isArray(records)
      ? records.filter((r): r is CloudTrailRecord => r !== null && typeof r === 'object')
      : [];
  } catch {
    return []; // the truncated and not-CloudTrail fixtures
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Under `records/` and `files/` (digests and files that do not parse yield none), in path order. */
export function labelledFixtureRecords(): LabelledRecord[] {
  const out: LabelledRecord[] = [];
  for (const file of walk(ROOT).sort()) {
    let text: string;
    try {
      if (file.endsWith('.json.gz')) text = gunzipSync(readFileSync(file)).toString('utf8');
      else if (file.endsWith('.json')) text = readFileSync(file, 'utf8');
      else continue;
    } catch {
      continue;
    }
    const label = relative(ROOT, file);
    for (const [i, r] of recordsOf(text).entries()) out.push([`${label}#${i}`, r]);
  }
  return out;
}

export function fixtureRecords(): CloudTrailRecord[] {
  return labelledFixtureRecords().map(([, r]) => r);
}
