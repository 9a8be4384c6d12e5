// `npm run bench`: every hot path's throughput, one line each. Not part of the test suite.
import { benchCheck } from './check.bench.js';
import { benchEvaluate } from './evaluate.bench.js';

const only = process.argv[2];
const benches: Record<string, () => string> = { check: benchCheck, evaluate: benchEvaluate };
for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  console.log(run());
}
