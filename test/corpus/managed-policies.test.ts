import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { latestManagedPolicies } from '../../bench/corpus/managed-policies.js';
import { ExpansionCache, runChecks } from '../../src/analyses/check/index.js';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Finding } from '../../src/model/index.js';
import { parsePolicy } from '../../src/sources/index.js';

/**
 * Every AWS managed policy is checked. AWS's own policies are mostly valid, so `error` findings
 * there are mostly our false positives: each one is listed in reviewed-errors.json with the
 * verdict of its kind (docs/corpus-review.md). A new or vanished error fails this test until it
 * is reviewed (UPDATE_REVIEWED=1 rewrites the list; then review the diff and the verdicts).
 */
interface Reviewed {
  [code: string]: { verdict: string; findings: string[] };
}

const REVIEWED = new URL('./reviewed-errors.json', import.meta.url);

describe('every AWS managed policy', () => {
  const catalog = loadCatalog();
  const cache = new ExpansionCache(catalog);
  const policies = latestManagedPolicies();
  const all: Array<{ name: string; findings: Finding[] }> = [];

  it('parses without a problem and is checked without a crash', () => {
    expect(policies.length).toBeGreaterThan(1000);
    for (const p of policies) {
      const parsed = parsePolicy(p.text, p.name);
      expect(parsed.errors, p.name).toEqual([]);
      all.push({ name: p.name, findings: runChecks(parsed.document!, parsed.errors, catalog, { cache }) });
    }
  });

  it('has only reviewed error findings', () => {
    const actual: Record<string, string[]> = {};
    for (const { name, findings } of all) {
      for (const f of findings) {
        if (f.severity !== 'error') continue;
        const list = actual[f.code] ?? [];
        list.push(`${name} ${f.loc.pointer}: ${f.action ?? f.resource ?? ''}`);
        actual[f.code] = list;
      }
    }
    const reviewed: Reviewed = existsSync(REVIEWED) ? JSON.parse(readFileSync(REVIEWED, 'utf8')) : {};
    if (process.env.UPDATE_REVIEWED === '1') {
      const next: Reviewed = {};
      for (const code of Object.keys(actual).sort()) {
        next[code] = { verdict: reviewed[code]?.verdict ?? 'TO REVIEW', findings: actual[code]!.sort() };
      }
      writeFileSync(REVIEWED, `${JSON.stringify(next, null, 2)}\n`);
    }
    for (const [code, entry] of Object.entries(reviewed)) expect(entry.verdict, code).not.toBe('TO REVIEW');
    expect(Object.fromEntries(Object.entries(actual).map(([c, f]) => [c, f.sort()]))).toEqual(
      Object.fromEntries(Object.entries(reviewed).map(([c, e]) => [c, e.findings])),
    );
  });
});
