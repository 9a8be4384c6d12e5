import type { InputError } from '../model/errors.js';
import type { PolicyDocument } from '../model/policy.js';
import { parsePolicy } from './policy.parse.js';
import { expandPaths, readTextFile } from './text-file.read.js';

export interface PolicyFileResult {
  file: string;
  document?: PolicyDocument;
  errors: InputError[];
}

/** Far above IAM's 10,240-character limit, yet small enough that a mistaken path cannot exhaust memory. */
export const MAX_POLICY_FILE_BYTES = 5 * 1024 * 1024;

/** Reads and parses one policy file; every problem comes back as an error, none is thrown. */
export async function readPolicyFile(path: string): Promise<PolicyFileResult> {
  const read = await readTextFile(
    path,
    MAX_POLICY_FILE_BYTES,
    'over the 5 MiB limit; an IAM policy is at most 10,240 characters',
  );
  if ('error' in read) return { file: path, errors: [read.error] };
  return { file: path, ...parsePolicy(read.text, path) };
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
  for (const item of await expandPaths(paths, ['.json'])) {
    if (typeof item === 'string') {
      results.push(await readPolicyFile(item));
      onProgress?.(results.length);
    } else results.push({ file: item.file, errors: [item] });
  }
  return results;
}
