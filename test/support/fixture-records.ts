/** Every CloudTrail record the fixtures hold: the per-event records and the trail files that parse. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'cloudtrail');

function recordsOf(text: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(text);
    const records = (parsed as { Records?: unknown }).Records;
    return Array.isArray(records) ? records : [];
  } catch {
    return []; // the truncated and not-CloudTrail fixtures
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

export function fixtureRecords(): unknown[] {
  const out: unknown[] = [];
  for (const file of walk(ROOT).sort()) {
    if (file.includes('Digest')) continue;
    if (file.endsWith('.json.gz')) {
      let text: string;
      try {
        text = gunzipSync(readFileSync(file)).toString('utf8');
      } catch {
        continue;
      }
      out.push(...recordsOf(text));
    } else if (file.endsWith('.json')) {
      out.push(...recordsOf(readFileSync(file, 'utf8')));
    }
  }
  return out;
}
