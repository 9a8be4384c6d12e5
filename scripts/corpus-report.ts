// Prints how often each finding code fires on every AWS managed policy, with a few examples per
// `error` code: AWS's own policies are mostly valid, so errors there are mostly our false positives.
import { latestManagedPolicies } from '../bench/corpus/managed-policies.js';
import { ExpansionCache, runChecks } from '../src/analyses/check/index.js';
import { loadCatalog } from '../src/catalog/index.js';
import { parsePolicy } from '../src/sources/index.js';

const verbose = process.argv.includes('--examples');
const catalog = loadCatalog();
const cache = new ExpansionCache(catalog);
const counts = new Map<
  string,
  { severity: string; findings: number; policies: Set<string>; examples: string[] }
>();
const policies = latestManagedPolicies();
let unreadable = 0;
for (const p of policies) {
  const parsed = parsePolicy(p.text, p.name);
  if (!parsed.document) {
    unreadable++;
    console.log(`unreadable: ${p.name}: ${parsed.errors[0]?.message}`);
    continue;
  }
  for (const f of runChecks(parsed.document, parsed.errors, catalog, { cache })) {
    const c = counts.get(f.code) ?? { severity: f.severity, findings: 0, policies: new Set(), examples: [] };
    c.findings++;
    c.policies.add(p.name);
    if (c.examples.length < 8) c.examples.push(`${p.name}: ${f.message}`);
    counts.set(f.code, c);
  }
}
console.log(
  `${policies.length} AWS managed policies (${catalog.dataVersion} service reference), ${unreadable} unreadable`,
);
for (const [code, c] of [...counts].sort((a, b) => b[1].findings - a[1].findings)) {
  console.log(
    `${code.padEnd(28)} ${c.severity.padEnd(10)} ${String(c.findings).padStart(6)} findings in ${c.policies.size} policies`,
  );
  if (verbose || c.severity === 'error') for (const e of c.examples) console.log(`    ${e}`);
}
