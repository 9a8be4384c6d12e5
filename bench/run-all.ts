// `npm run bench`: every hot path's throughput, one line each. Not part of the test suite.
// Each bench runs in a process of its own, so that one's heap (audit keeps 0.6 GiB) never counts
// in the next one's memory figures. `node dist/bench/run-all.js NAME` runs one in this process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchAudit } from './audit.bench.js';
import { benchCheck } from './check.bench.js';
import { benchEvaluate } from './evaluate.bench.js';
import { benchUsage } from './usage.bench.js';

const benches: Record<string, () => string | Promise<string>> = {
  check: benchCheck,
  evaluate: benchEvaluate,
  audit: benchAudit,
  usage: benchUsage,
};
const only = process.argv[2];
if (only) {
  const run = benches[only];
  if (!run) throw new Error(`no bench ${only}: ${Object.keys(benches).join(', ')}`);
  console.log(await run());
} else {
  for (const name of Object.keys(benches)) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
    if (child.status !== 0) process.exitCode = child.status ?? 1;
  }
}
