/**
 * `scopedown usage --athena`: the usage aggregation run as SQL in Amazon Athena over a CloudTrail
 * table (created with partition projection when asked), its rows mapped by the same event map as
 * the local path, into the same aggregate.
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { trailTime, UsageAggregate, type UsageView } from '../analyses/usage/aggregate.js';
import {
  createTableDdl,
  DEFAULT_REGIONS,
  dayPartition,
  PARTITIONS,
  trailLocation,
} from '../analyses/usage/athena/ddl.js';
import { ATHENA } from '../analyses/usage/athena/dialect.js';
import { type UsageQueryOptions, usageQuery } from '../analyses/usage/athena/query.js';
import { addResultRow } from '../analyses/usage/athena/rows.js';
import { mapEvent } from '../analyses/usage/event-map/index.js';
import { loadCatalog } from '../catalog/index.js';
import type { AwsCallError } from '../model/errors.js';
import { type AthenaQueryOptions, athenaRows, runAthenaQuery } from '../sources/athena-query.js';
import { itemFailure } from '../sources/aws-utils/call-error.js';
import { trailRoots } from '../sources/cloudtrail-s3.read.js';
import { trailS3Client } from './usage-aws.js';

/** CloudTrail delivers a record within about an hour: the day partitions read run that much past the window. */
const DELIVERY_LAG_MS = 60 * 60 * 1000;

export interface AthenaUsageOptions extends AthenaQueryOptions {
  roles: readonly string[];
  /** Per ECS task or per revision: the query then groups by session too. */
  view?: UsageView;
  since?: Date;
  until?: Date;
  /** `database.table` (or `catalog.database.table`) of the CloudTrail table; default `default.scopedown_cloudtrail`. */
  table?: string;
  /** Create the table first, over this trail folder (`s3://bucket/[prefix/]`, `AWSLogs/` added when absent). */
  createTable?: { location: string; accounts?: readonly string[]; regions?: readonly string[] };
  /**
   * For a table scopedown did not create: its day partition column (values `yyyy/MM/dd`), so that
   * only the window's days are read. A created table's is known.
   */
  dayPartition?: string;
  region?: string;
  profile?: string;
}

export interface AthenaQueryReport {
  kind: 'create-table' | 'usage';
  id: string;
  bytesScanned: number;
  engineMs: number;
}

export interface AthenaUsageResult {
  aggregate: UsageAggregate;
  awsErrors: AwsCallError[];
  queries: AthenaQueryReport[];
  /** Result rows read (record groups and sessions). */
  rows: number;
  /** The usage query as sent, for `--show-sql` and for the record. */
  sql: string;
}

const accountOf = (arn: string) => arn.split(':')[4] ?? '';

const DEFAULT_TABLE = 'default.scopedown_cloudtrail';

/** The query options for the table: the window, and the partitions that bound what Athena reads. */
export function athenaQueryOptions(o: AthenaUsageOptions, table: string): UsageQueryOptions {
  const since = o.since ? trailTime(o.since) : undefined;
  const until = o.until ? trailTime(o.until) : undefined;
  const dayColumn = o.createTable ? PARTITIONS.day : o.dayPartition;
  const partitions: NonNullable<UsageQueryOptions['partitions']>[number][] = [];
  if (dayColumn && (o.since || o.until)) {
    partitions.push({
      column: dayColumn,
      ...(o.since ? { from: dayPartition(o.since) } : {}),
      ...(o.until ? { to: dayPartition(new Date(o.until.getTime() + DELIVERY_LAG_MS)) } : {}),
    });
  }
  if (o.createTable && o.roles.length > 0) {
    // A role's records are in its own account's trail folder (cross-account callees log theirs too).
    partitions.push({ column: PARTITIONS.account, values: [...new Set(o.roles.map(accountOf))].sort() });
  }
  return {
    table,
    roles: o.roles,
    ...(o.view ? { bySession: true } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    partitions,
  };
}

function createStatement(o: AthenaUsageOptions, table: string, location?: string): string | undefined {
  if (!o.createTable) return undefined;
  return createTableDdl({
    table,
    location: location ?? trailLocation(o.createTable.location),
    accounts: o.createTable.accounts ?? [...new Set(o.roles.map(accountOf))],
    regions: o.createTable.regions ?? DEFAULT_REGIONS,
  });
}

/** The statements `usageFromAthena` runs, in order: the table's DDL when asked, then the usage query. */
export function athenaStatements(o: AthenaUsageOptions): string[] {
  const table = o.table ?? DEFAULT_TABLE;
  const ddl = createStatement(o, table);
  return [...(ddl ? [ddl] : []), usageQuery(athenaQueryOptions(o, table), ATHENA)];
}

/**
 * The folder the created table projects over: the one under the URL that holds account folders.
 * A table over `AWSLogs/` of an organisation trail (whose accounts are under `AWSLogs/o-ORG/`) would
 * find nothing, silently; so the URL is listed first. If the listing fails the URL is taken as given.
 */
async function findTrailRoot(
  o: AthenaUsageOptions,
): Promise<{ location: string } | { error: AwsCallError; fatal: boolean }> {
  const url = o.createTable!.location;
  const s3 = trailS3Client(o);
  try {
    const { roots, error } = await trailRoots(s3, url);
    if (error) return { error, fatal: false };
    const site = { service: 's3', operation: 'ListObjectsV2', target: url };
    if (roots.length === 1) return { location: roots[0]! };
    const what =
      roots.length === 0
        ? 'no account folders under it (AWSLogs/ACCOUNT/ or AWSLogs/o-ORG/ACCOUNT/)'
        : `account folders in several places: ${roots.join(', ')}; give one`;
    return { error: itemFailure(site, 'NotATrail', what), fatal: true };
  } finally {
    s3.destroy();
  }
}

export async function usageFromAthena(o: AthenaUsageOptions): Promise<AthenaUsageResult> {
  const client = new AthenaClient({
    retryMode: 'adaptive',
    maxAttempts: 8,
    ...(o.region ? { region: o.region } : {}),
    ...(o.profile ? { profile: o.profile } : {}),
  });
  const table = o.table ?? DEFAULT_TABLE;
  const aggregate = new UsageAggregate({
    roles: o.roles,
    since: o.since,
    until: o.until,
    ...(o.view ? { view: o.view } : {}),
  });
  const awsErrors: AwsCallError[] = [];
  const queries: AthenaQueryReport[] = [];
  const sql = usageQuery(athenaQueryOptions(o, table), ATHENA);
  let rows = 0;
  try {
    let location: string | undefined;
    if (o.createTable) {
      const found = await findTrailRoot(o);
      if ('error' in found) {
        awsErrors.push(found.error);
        if (found.fatal) return { aggregate, awsErrors, queries, rows, sql };
      } else location = found.location;
    }
    const ddl = createStatement(o, table, location);
    if (ddl) {
      const created = await runAthenaQuery(client, ddl, o);
      if (!created.ok) {
        awsErrors.push(created.error);
        return { aggregate, awsErrors, queries, rows, sql };
      }
      queries.push({ kind: 'create-table', ...created.done });
    }
    const ran = await runAthenaQuery(client, sql, o);
    if (!ran.ok) {
      if (/COLUMN_NOT_FOUND/.test(ran.error.message))
        ran.error.message +=
          '; the table lacks a column of the CloudTrail table the Athena UG documents (older tables have no eventcategory): --athena-create-table makes one';
      awsErrors.push(ran.error);
      return { aggregate, awsErrors, queries, rows, sql };
    }
    queries.push({ kind: 'usage', ...ran.done });
    const catalog = loadCatalog();
    const map = (r: Parameters<typeof mapEvent>[0]) => mapEvent(r, catalog);
    for await (const row of athenaRows(client, ran.done.id, awsErrors)) {
      rows++;
      try {
        addResultRow(aggregate, map, row);
      } catch (e) {
        awsErrors.push({
          service: 'athena',
          operation: 'GetQueryResults',
          awsCode: 'UnexpectedRow',
          message: `athena query ${ran.done.id}: row ${rows}: ${e instanceof Error ? e.message : String(e)}`,
          retryable: false,
        });
      }
    }
    return { aggregate, awsErrors, queries, rows, sql };
  } finally {
    client.destroy();
  }
}
