/**
 * A folder of small JSON files keyed by a hash: what the usage command remembers about each trail
 * file it read, so that a re-run reads only new or changed files. Cache problems never fail a run:
 * an unreadable or corrupt entry is a miss, a failed write is counted by the caller.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `~/.cache/scopedown/<name>`. */
export function defaultCacheDir(name: string): string {
  return join(homedir(), '.cache', 'scopedown', name);
}

/** A stable key for any JSON-able parts. */
export function cacheKey(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

function entryPath(dir: string, key: string): string {
  return join(dir, key.slice(0, 2), `${key.slice(2)}.json`);
}

export async function readCacheEntry(dir: string, key: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(entryPath(dir, key), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Writes through a temporary file and a rename, so a reader never sees half an entry. */
export async function writeCacheEntry(dir: string, key: string, value: unknown): Promise<void> {
  const path = entryPath(dir, key);
  await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, JSON.stringify(value));
  await rename(tmp, path);
}
