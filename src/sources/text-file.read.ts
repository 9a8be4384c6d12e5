/**
 * The file-system edge every reader shares: listing the files under the paths a user gives and
 * reading one as UTF-8 text, each problem a one-line InputError, never a throw.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { InputError } from '../model/errors.js';

export function fileError(file: string, code: string, message: string): InputError {
  return { code, file, pointer: '', line: 0, column: 0, message };
}

function errnoCode(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

const READ_ERROR_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
  EISDIR: 'is a directory',
};

export function missingOrUnreadable(path: string, e: unknown): InputError {
  const code = errnoCode(e);
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return fileError(path, 'FILE_NOT_FOUND', 'no such file or folder');
  const reason = code ? (READ_ERROR_REASONS[code] ?? code) : String(e);
  return fileError(path, 'READ_ERROR', `cannot read: ${reason}`);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeText(bytes: Uint8Array): string | { problem: string } {
  // Windows PowerShell 5 redirects command output as UTF-16, a common way to end up with such a file.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: 'UTF-16 text, expected UTF-8; save the file as UTF-8' };
  }
  // A NUL byte is valid UTF-8 but never appears in a JSON or YAML text file.
  if (bytes.includes(0)) return { problem: 'binary file, not JSON' };
  try {
    return utf8.decode(bytes);
  } catch {
    return { problem: 'binary file, not JSON (invalid UTF-8)' };
  }
}

/** Reads a UTF-8 text file no larger than `maxBytes` (`tooLarge` explains the limit to the user). */
export async function readTextFile(
  path: string,
  maxBytes: number,
  tooLarge: string,
): Promise<{ text: string } | { error: InputError }> {
  try {
    const info = await stat(path);
    if (info.isDirectory())
      return { error: fileError(path, 'READ_ERROR', 'is a directory, expected a file') };
    if (info.size > maxBytes) {
      const shown = String(info.size).replace(/\B(?=(\d{3})+$)/g, ',');
      return { error: fileError(path, 'FILE_TOO_LARGE', `file is ${shown} bytes, ${tooLarge}`) };
    }
  } catch (e) {
    return { error: missingOrUnreadable(path, e) };
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return { error: missingOrUnreadable(path, e) };
  }
  const text = decodeText(bytes);
  return typeof text === 'string' ? { text } : { error: fileError(path, 'NOT_TEXT', text.problem) };
}

/**
 * The files the paths stand for, in the order given; folders are walked recursively in code-unit
 * order (the same on every machine) for files with the extensions, skipping `node_modules` and
 * dot-folders. An explicit file is taken whatever its name; a folder with no such file is an error.
 */
export async function expandPaths(
  paths: readonly string[],
  extensions: readonly string[],
): Promise<Array<string | InputError>> {
  const out: Array<string | InputError> = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (e) {
      out.push(missingOrUnreadable(path, e));
      continue;
    }
    if (!isDirectory) {
      out.push(path);
      continue;
    }
    const before = out.length;
    await walk(path, extensions, out);
    if (out.length === before)
      out.push(fileError(path, 'NO_INPUT', `folder holds no ${extensions.join(' or ')} files`));
  }
  return out;
}

async function walk(
  dir: string,
  extensions: readonly string[],
  out: Array<string | InputError>,
): Promise<void> {
  let entries: Array<{ name: string; isDirectory(): boolean; isFile(): boolean; isSymbolicLink(): boolean }>;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    out.push(missingOrUnreadable(dir, e));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) await walk(full, extensions, out);
    } else if (
      (entry.isFile() || entry.isSymbolicLink()) &&
      extensions.includes(extname(entry.name).toLowerCase())
    ) {
      out.push(full);
    }
  }
}
