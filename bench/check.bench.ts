// Throughput of `scopedown check` over every AWS managed policy: parse + all checks, one core.
import { performance } from 'node:perf_hooks';
import { ExpansionCache, runChecks } from '../src/analyses/check/index.js';
import { loadCatalog } from '../src/catalog/index.js';
import { parsePolicy } from '../src/sources/index.js';
import { latestManagedPolicies } from './corpus/managed-policies.js';
import { machine, median } from './util.js';

export function benchCheck(): string {
  const policies = latestManagedPolicies();
  const times: number[] = [];
  let findings = 0;
  for (let run = 0; run < 5; run++) {
    // A fresh catalogue and cache each run would include data loading; the first run does, the median does not.
    const catalog = loadCatalog();
    const cache = new ExpansionCache(catalog);
    const start = performance.now();
    findings = 0;
    for (const p of policies) {
      const parsed = parsePolicy(p.text, p.name);
      if (parsed.document) findings += runChecks(parsed.document, parsed.errors, catalog, { cache }).length;
    }
    times.push(performance.now() - start);
  }
  const ms = median(times);
  return (
    `check: ${Math.round((policies.length / ms) * 1000)} policies/s, median of 5, ${policies.length} AWS managed policies ` +
    `in ${(ms / 1000).toFixed(2)} s (first run, with service data loading: ${(times[0]! / 1000).toFixed(2)} s), ${findings} findings; ${machine()}`
  );
}
