import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Starts `moto_server` (moto's server mode) on 127.0.0.1 at a free port for the integration
 * project, and stops it at teardown. Test files read the endpoint with `inject('motoEndpoint')`
 * (see `moto.ts`). When moto cannot start (e.g. moto_server is missing), the reason is provided as
 * `motoError` and every integration test fails with it, while the unit tests still run: these
 * tests never skip and never fall back to real AWS.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    motoEndpoint: string;
    /** Why moto did not start; empty when it did. */
    motoError: string;
  }
}

export const MOTO_NOT_FOUND = 'moto_server not found: pip install "moto[server]" (and put it on the PATH)';

const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  project.provide('motoEndpoint', '');
  project.provide('motoError', '');
  try {
    const { endpoint, stop } = await startMoto();
    project.provide('motoEndpoint', endpoint);
    return stop;
  } catch (err) {
    project.provide('motoError', err instanceof Error ? err.message : String(err));
    return async () => {};
  }
}

export async function startMoto(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const bin = findOnPath('moto_server');
  if (!bin) throw new Error(MOTO_NOT_FOUND);
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(bin, ['-H', '127.0.0.1', '-p', String(port)], {
    // Own process group, so teardown also stops the Python process behind a pyenv shim.
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      // AWS managed policies (AmazonECSTaskExecutionRolePolicy, ...) exist only when asked for.
      MOTO_IAM_LOAD_MANAGED_POLICIES: 'true',
    },
  });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-4000);
  });
  try {
    await waitUntilUp(child, endpoint, () => log);
  } catch (err) {
    await stop(child);
    throw err;
  }
  return { endpoint, stop: () => stop(child) };
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(child: ChildProcess, endpoint: string, log: () => string): Promise<void> {
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `moto_server exited early (code ${code}, signal ${signal})`;
  });
  const spawnError = new Promise<never>((_, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new Error(MOTO_NOT_FOUND) : err),
    );
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  const poll = async () => {
    while (Date.now() < deadline) {
      if (exited) throw new Error(`${exited}: ${log().trim()}`);
      try {
        const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
        await res.arrayBuffer();
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(
      `moto_server did not answer on ${endpoint} within ${START_TIMEOUT_MS} ms: ${log().trim()}`,
    );
  };
  await Promise.race([poll(), spawnError]);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
