import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { InputError } from '../model/errors.js';
import type { PolicyDocument } from '../model/policy.js';
import { parsePolicy } from './policy.parse.js';

export interface PolicyFileResult {
  file: string;
  document?: PolicyDocument;
  errors: InputError[];
}

/** Far above IAM's 10,240-character limit, yet small enough that a mistaken path cannot exhaust memory. */
export const MAX_POLICY_FILE_BYTES = 5 * 1024 * 1024;

function fileError(file: string, code: string, message: string): PolicyFileResult {
  return { file, errors: [{ code, file, pointer: '', line: 0, column: 0, message }] };
}

function errnoCode(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads and parses one policy file; every problem comes back as an error, none is thrown. */
export async function readPolicyFile(path: string): Promise<PolicyFileResult> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fileError(path, 'READ_ERROR', 'is a directory, expected a policy file');
    size = info.size;
  } catch (e) {
    return missingOrUnreadable(path, e);
  }
  if (size > MAX_POLICY_FILE_BYTES) {
    const shown = String(size).replace(/\B(?=(\d{3})+$)/g, ',');
    return fileError(
      path,
      'FILE_TOO_LARGE',
      `file is ${shown} bytes, over the 5 MiB limit; an IAM policy is at most 10,240 characters`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return missingOrUnreadable(path, e);
  }
  const text = decodeText(bytes);
  if (typeof text !== 'string') return fileError(path, 'NOT_TEXT', text.problem);
  return { file: path, ...parsePolicy(text, path) };
}

function decodeText(bytes: Uint8Array): string | { problem: string } {
  // Windows PowerShell 5 redirects command output as UTF-16, a common way to end up with such a file.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: 'UTF-16 text, expected UTF-8 JSON; save the file as UTF-8' };
  }
  // A NUL byte is valid UTF-8 but never appears in a JSON text file.
  if (bytes.includes(0)) return { problem: 'binary file, not JSON' };
  try {
    return utf8.decode(bytes);
  } catch {
    return { problem: 'binary file, not JSON (invalid UTF-8)' };
  }
}

const READ_ERROR_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
  EISDIR: 'is a directory',
};

function missingOrUnreadable(path: string, e: unknown): PolicyFileResult {
  const code = errnoCode(e);
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return fileError(path, 'FILE_NOT_FOUND', 'no such file or folder');
  }
  const reason = code ? (READ_ERROR_REASONS[code] ?? code) : String(e);
  return fileError(path, 'READ_ERROR', `cannot read: ${reason}`);
}

/**
 * Reads files and folders in the order given; folders are walked recursively in sorted order for
 * `*.json` files, skipping `node_modules` and dot-folders. Explicit files are read whatever their name.
 */
export async function readPolicyPaths(
  paths: string[],
  onProgress?: (filesRead: number) => void,
): Promise<PolicyFileResult[]> {
  const results: PolicyFileResult[] = [];
  const read = async (file: string) => {
    results.push(await readPolicyFile(file));
    onProgress?.(results.length);
  };
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (e) {
      results.push(missingOrUnreadable(path, e));
      continue;
    }
    if (!isDirectory) {
      await read(path);
      continue;
    }
    const found: Array<string | PolicyFileResult> = [];
    await walk(path, found);
    if (found.length === 0) results.push(fileError(path, 'NO_INPUT', 'folder holds no .json files'));
    for (const item of found) {
      if (typeof item === 'string') await read(item);
      else results.push(item);
    }
  }
  return results;
}

/** Collects `*.json` paths in sorted order, with an error in place of each folder that cannot be listed. */
async function walk(dir: string, found: Array<string | PolicyFileResult>): Promise<void> {
  let entries: Array<{ name: string; isDirectory(): boolean; isFile(): boolean; isSymbolicLink(): boolean }>;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    found.push(missingOrUnreadable(dir, e));
    return;
  }
  // Code-unit order, not locale order, so every machine lists the same files in the same order.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) await walk(full, found);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && extname(entry.name).toLowerCase() === '.json') {
      found.push(full);
    }
  }
}
