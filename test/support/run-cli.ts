import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the whole CLI in-process, as `scopedown ARGS` would, capturing output and exit code. */
export async function runScopedown(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    isTTY: false,
    env,
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

/**
 * Compares with a golden file under test/cli/. A changed golden file is a contract change: run with
 * UPDATE_GOLDEN=1 to write missing ones, and review the diff.
 */
export function expectGolden(relPath: string, actual: string): void {
  const path = new URL(`../cli/${relPath}`, import.meta.url);
  if (!existsSync(path)) {
    if (process.env.UPDATE_GOLDEN !== '1')
      throw new Error(`golden file test/cli/${relPath} is missing (UPDATE_GOLDEN=1 writes it)`);
    mkdirSync(new URL('.', path), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
