/** The `--athena-*` options of `scopedown usage`: checked, and turned into the API's options. */
import type { AthenaQueryReport, AthenaUsageOptions } from '../../api/usage-athena.js';
import type { UsageOutputJson } from '../../reports/usage.js';
import { UsageError } from '../io.js';

export interface AthenaCliOptions {
  athenaTable?: string;
  athenaCreateTable?: string;
  athenaAccounts?: string;
  athenaRegions?: string;
  athenaDayPartition?: string;
  athenaWorkgroup?: string;
  athenaOutput?: string;
}

/** What the options decide; the window, roles and view come from the rest of the command line. */
export type AthenaSettings = Pick<
  AthenaUsageOptions,
  'table' | 'createTable' | 'dayPartition' | 'workGroup' | 'outputLocation'
>;

/** Athena's on-demand price per TB scanned in most Regions; shown as an estimate next to bytes scanned. */
const ATHENA_USD_PER_TB = 5;

function list(
  flag: string,
  value: string | undefined,
  pattern: RegExp,
  expected: string,
): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  for (const item of items)
    if (!pattern.test(item)) throw new UsageError(`${flag} ${JSON.stringify(item)}: expected ${expected}`);
  return items;
}

export function bytesText(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

const S3_URL = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^']*)?$/;

/** Throws a UsageError naming the first bad option. */
export function athenaSettings(o: AthenaCliOptions, roles: readonly string[]): AthenaSettings {
  const accounts = list(
    '--athena-accounts',
    o.athenaAccounts,
    /^\d{12}$/,
    '12-digit account IDs, comma-separated',
  );
  const regions = list(
    '--athena-regions',
    o.athenaRegions,
    /^[a-z]{2}(-[a-z]+)+-\d$/,
    'Region codes such as us-east-1, comma-separated',
  );
  if (o.athenaTable !== undefined && !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*){1,2}$/.test(o.athenaTable))
    throw new UsageError(`--athena-table ${JSON.stringify(o.athenaTable)}: expected database.table`);
  if (o.athenaDayPartition !== undefined && !/^[A-Za-z_]\w*$/.test(o.athenaDayPartition))
    throw new UsageError(
      `--athena-day-partition ${JSON.stringify(o.athenaDayPartition)}: expected a column name`,
    );
  for (const [flag, url] of [
    ['--athena-create-table', o.athenaCreateTable],
    ['--athena-output', o.athenaOutput],
  ] as const)
    if (url !== undefined && !S3_URL.test(url))
      throw new UsageError(`${flag} ${JSON.stringify(url)}: expected s3://bucket/prefix`);
  if (o.athenaCreateTable && roles.length === 0 && !accounts)
    throw new UsageError(
      '--athena-create-table needs --role or --athena-accounts: the accounts the table projects',
    );
  return {
    ...(o.athenaTable ? { table: o.athenaTable } : {}),
    ...(o.athenaCreateTable
      ? {
          createTable: {
            location: o.athenaCreateTable,
            ...(accounts ? { accounts } : {}),
            ...(regions ? { regions } : {}),
          },
        }
      : {}),
    ...(o.athenaDayPartition ? { dayPartition: o.athenaDayPartition } : {}),
    ...(o.athenaWorkgroup ? { workGroup: o.athenaWorkgroup } : {}),
    ...(o.athenaOutput ? { outputLocation: o.athenaOutput } : {}),
  };
}

/** The output's `source` for an Athena run: the queries, bytes scanned and an estimated cost. */
export function athenaSource(queries: readonly AthenaQueryReport[], rows: number): UsageOutputJson['source'] {
  const scanned = queries.reduce((n, q) => n + q.bytesScanned, 0);
  const usd = (scanned / 1e12) * ATHENA_USD_PER_TB;
  return {
    kind: 'athena',
    note: `${bytesText(scanned)} scanned (about $${usd.toFixed(usd < 0.01 ? 4 : 2)} at $${ATHENA_USD_PER_TB}/TB), ${rows} result rows`,
    queries,
    bytesScanned: scanned,
  };
}
