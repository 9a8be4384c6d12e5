import { expect, it } from 'vitest';
import type { Check } from '../../src/analyses/check/define-check.js';
import { runChecks } from '../../src/analyses/check/run.js';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Finding, Fix } from '../../src/model/index.js';
import { parsePolicy } from '../../src/sources/index.js';

export interface ValidCase {
  id: string;
  policy: unknown;
}

export interface InvalidCase {
  id: string;
  policy: unknown;
  /** Expected findings of this check, in order: compared on these fields, never on wording. */
  findings: Array<{ statement: number | null; action?: string; resource?: string; fix?: Fix }>;
}

/** Parses a policy written as an object (pretty-printed, so locations are real). */
export function findingsOf(check: Check, policy: unknown): Finding[] {
  const parsed = parsePolicy(JSON.stringify(policy, null, 2), 'policy.json');
  if (!parsed.document)
    throw new Error(`test policy does not parse: ${parsed.errors.map((e) => e.message).join('; ')}`);
  return runChecks(parsed.document, parsed.errors, loadCatalog(), { checks: [check] });
}

/** The shared table runner every check test uses (after typescript-eslint's RuleTester). */
export function runCheckCases(check: Check, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  it.each(cases.valid.map((c) => [c.id, c] as const))('valid: %s', (_id, c) => {
    expect(findingsOf(check, c.policy)).toEqual([]);
  });
  it.each(cases.invalid.map((c) => [c.id, c] as const))('invalid: %s', (_id, c) => {
    const got = findingsOf(check, c.policy).map((f) => {
      const expected = c.findings.find((e) => e.statement === f.statement) ?? {};
      const shape: Record<string, unknown> = { statement: f.statement };
      if ('action' in expected) shape.action = f.action;
      if ('resource' in expected) shape.resource = f.resource;
      if ('fix' in expected) shape.fix = f.fix;
      return shape;
    });
    expect(got).toEqual(c.findings);
    for (const f of findingsOf(check, c.policy)) {
      expect(f.code).toBe(check.code);
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.message).not.toContain('\n');
    }
  });
}

/** A 2012-10-17 policy document with these statements. */
export const policy = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
