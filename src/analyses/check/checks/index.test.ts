import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../../../test/support/check-tester.js';
import { SEVERITIES } from '../../../model/index.js';
import type { Check } from '../define-check.js';
import { CHECKS } from './index.js';

/** The codes of the contract's table (spec/cli-contract.md, `scopedown check`): stable, never removed. */
const CONTRACT_CODES = [
  'RESOURCE_TYPE_MISMATCH',
  'FULL_WILDCARD',
  'SERVICE_WILDCARD',
  'RESOURCE_WILDCARD',
  'PRIVILEGE_ESCALATION',
  'ALLOW_NOT_ACTION',
  'ALLOW_NOT_RESOURCE',
  'UNKNOWN_ACTION',
  'UNKNOWN_SERVICE',
  'INVALID_ARN',
  'UNKNOWN_CONDITION_OPERATOR',
  'UNKNOWN_CONDITION_KEY',
  'INVALID_POLICY',
];

/** Check files beside this one: not tests, not the registry, not `<name>-utils/` folders. */
const CHECK_FILES = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
  .filter(
    (e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'index.ts',
  )
  .map((e) => e.name.slice(0, -'.ts'.length))
  .sort();

const kebab = (code: string) => code.toLowerCase().replaceAll('_', '-');

function isCheck(value: unknown): value is Check {
  return typeof value === 'object' && value !== null && 'code' in value && 'run' in value;
}

describe('the check registry', () => {
  it('finds the check files', () => {
    expect(CHECK_FILES.length).toBeGreaterThanOrEqual(CONTRACT_CODES.length);
  });

  it.each(CHECK_FILES)(
    '%s.ts exports one check, named after the file and registered exactly once',
    async (file) => {
      const module: Record<string, unknown> = await import(`./${file}.js`);
      const checks = Object.values(module).filter(isCheck);
      expect(checks).toHaveLength(1);
      const [check] = checks as [Check];
      expect(kebab(check.code)).toBe(file);
      expect(CHECKS.filter((c) => c === check)).toHaveLength(1);
    },
  );

  it('registers nothing without a file of its own', () => {
    expect(CHECKS.map((c) => kebab(c.code)).sort()).toEqual(CHECK_FILES);
  });

  it('has unique UPPER_SNAKE codes', () => {
    const codes = CHECKS.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
  });

  it.each(CONTRACT_CODES)('has the contract code %s', (code) => {
    expect(CHECKS.map((c) => c.code)).toContain(code);
  });
});

describe.each(CHECKS.map((c) => [c.code, c] as const))('%s', (_code, check) => {
  it('has a severity, a one-line summary and a description', () => {
    expect(SEVERITIES).toContain(check.severity);
    expect(check.summary.trim()).not.toBe('');
    expect(check.summary).not.toMatch(/[\r\n]/);
    expect(check.description.trim()).not.toBe('');
  });

  it('reports its own code on examples.invalid', () => {
    const findings = findingsOf(check, check.examples.invalid);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.code).toBe(check.code);
  });

  it('stays silent on examples.valid', () => {
    expect(findingsOf(check, check.examples.valid)).toEqual([]);
  });
});
