import { ExpansionCache, findingsForUnreadable, runChecks } from '../analyses/check/index.js';
import { loadCatalog } from '../catalog/index.js';
import type { Finding, InputError } from '../model/index.js';
import { readPolicyPaths } from '../sources/index.js';

export interface CheckResult {
  files: number;
  /** Documents read as policies (possibly with INVALID_POLICY findings). */
  policies: number;
  findings: Finding[];
  /** Files that could not be read as policies at all. */
  errors: InputError[];
}

/** Reads policy files and folders and checks each document; one bad file never stops the rest. */
export async function checkPaths(
  paths: string[],
  opts: { onProgress?: (files: number) => void } = {},
): Promise<CheckResult> {
  const catalog = loadCatalog();
  const cache = new ExpansionCache(catalog);
  const read = await readPolicyPaths(paths, opts.onProgress);
  const findings: Finding[] = [];
  const errors: InputError[] = [];
  let policies = 0;
  for (const file of read) {
    if (!file.document) {
      errors.push(...file.errors);
      findings.push(...findingsForUnreadable(file.errors));
      continue;
    }
    policies++;
    findings.push(...runChecks(file.document, file.errors, catalog, { cache }));
  }
  return { files: read.length, policies, findings, errors };
}
