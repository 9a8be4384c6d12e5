// `npm run bench`: every hot path's throughput, one line each. Not part of the test suite.
import { benchAudit } from './audit.bench.js';
import { benchCheck } from './check.bench.js';
import { benchEvaluate } from './evaluate.bench.js';
import { benchUsage } from './usage.bench.js';

const only = process.argv[2];
const benches: Record<string, () => string | Promise<string>> = {
  check: benchCheck,
  evaluate: benchEvaluate,
  audit: benchAudit,
  usage: benchUsage,
};
for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  console.log(await run());
}
