/**
 * The usage aggregation as one SQL query over a CloudTrail table (the columns of the table the
 * Athena UG documents, "Create the table for CloudTrail logs in Athena using partition
 * projection"). The query filters to the roles and window, cuts each record down to the fields
 * the event map reads (per service, from the map's `reads` declarations), and groups alike records
 * with their count, duplicates, first and last time; one scan also groups the sessions. Mapping
 * the groups to permissions is left to the same TypeScript event map as the local path (rows.ts),
 * so that both paths can never disagree on what an event needs.
 */
import { DENIED_ERROR_CODES } from '../aggregate.js';
import { READS_BY_SOURCE } from '../event-map/project.js';
import { literal, type SqlDialect } from './dialect.js';

export interface UsageQueryOptions {
  /** `database.table` or `catalog.database.table`, each part a plain identifier. */
  table: string;
  /** Role ARNs (`sessionIssuer.arn`); empty: every role. */
  roles: readonly string[];
  /** Bounds as CloudTrail writes times (`YYYY-MM-DDTHH:MM:SSZ`). */
  since?: string;
  until?: string;
  /**
   * Partitions to read: column → values (`timestamp` → days as `yyyy/MM/dd`, `account`, `region`).
   * Without it Athena reads the whole table.
   */
  partitions?: ReadonlyArray<{ column: string; values?: readonly string[]; from?: string; to?: string }>;
  /** Group records per session too (for per-task and per-revision views): more rows. */
  bySession?: boolean;
}

/** Result columns, in order: what rows.ts reads back. `kind`: 0 a group of records, 1 a role's session. */
export const RESULT_COLUMNS = [
  'kind',
  'role',
  'session',
  'account',
  'recipient',
  'source',
  'name',
  'region',
  'type',
  'denied',
  'data',
  'params',
  'response',
  'resources',
  'n',
  'duplicates',
  'first_seen',
  'last_seen',
] as const;

export type ResultColumn = (typeof RESULT_COLUMNS)[number];

/** A plain SQL identifier, double-quoted (Athena reserves words such as `timestamp`). */
export function identifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name.toLowerCase()}"`;
}

export function tableName(table: string): string {
  return table.split('.').map(identifier).join('.');
}

function deniedTest(column: string): string {
  const { prefixes, suffixes, exact } = DENIED_ERROR_CODES;
  return [
    ...prefixes.map((p) => `${column} LIKE ${literal(`${p}%`)}`),
    ...suffixes.map((s) => `${column} LIKE ${literal(`%${s}`)}`),
    ...exact.map((e) => `${column} = ${literal(e)}`),
  ].join(' OR ');
}

/** One CASE over eventsource: each service's keys, then the ARN-valued entries for every other source. */
function projection(
  dialect: SqlDialect,
  column: string,
  bySource: ReadonlyMap<string, readonly string[]>,
  otherwise: 'arns' | 'null',
): string {
  // Sources that read the same keys (DynamoDB and DynamoDB Streams) share one arm.
  const byKeys = new Map<string, { keys: readonly string[]; sources: string[] }>();
  for (const [source, keys] of bySource) {
    const id = keys.join('\u0000');
    const arm = byKeys.get(id) ?? { keys, sources: [] };
    arm.sources.push(source);
    byKeys.set(id, arm);
  }
  const arms = [...byKeys.values()].map(
    ({ keys, sources }) =>
      `WHEN eventsource IN (${sources.map(literal).join(', ')}) THEN ${dialect.projectObject(column, keys)}`,
  );
  const rest = otherwise === 'arns' ? dialect.projectObject(column, []) : 'NULL';
  return arms.length === 0 ? rest : `CASE ${arms.join('\n      ')}\n      ELSE ${rest} END`;
}

const REQUEST_READS = new Map([...READS_BY_SOURCE].map(([source, r]) => [source, r.reads]));
const RESPONSE_READS = new Map(
  [...READS_BY_SOURCE].flatMap(([source, r]) =>
    r.responseReads.length > 0 ? [[source, r.responseReads]] : [],
  ),
);

export function usageQuery(options: UsageQueryOptions, dialect: SqlDialect): string {
  const issuer = 'useridentity.sessioncontext.sessionissuer.arn';
  const where = [
    options.roles.length > 0
      ? `${issuer} IN (${[...options.roles].sort().map(literal).join(', ')})`
      : `${issuer} <> ''`,
    'eventsource IS NOT NULL',
    'eventname IS NOT NULL',
    'eventtime IS NOT NULL',
  ];
  if (options.since) where.push(`eventtime >= ${literal(options.since)}`);
  if (options.until) where.push(`eventtime <= ${literal(options.until)}`);
  for (const p of options.partitions ?? []) {
    const column = identifier(p.column);
    if (p.values) where.push(`${column} IN (${p.values.map(literal).join(', ')})`);
    if (p.from !== undefined) where.push(`${column} >= ${literal(p.from)}`);
    if (p.to !== undefined) where.push(`${column} <= ${literal(p.to)}`);
  }
  const groupKeys = `role, ${options.bySession ? 'session, ' : ''}account, recipient, source, name, region, type, denied, data, params, response, resources`;
  return `WITH events AS (
  SELECT
    ${issuer} AS role,
    coalesce(useridentity.arn, useridentity.principalid) AS session,
    useridentity.accountid AS account,
    recipientaccountid AS recipient,
    eventsource AS source,
    eventname AS name,
    awsregion AS region,
    eventtype AS type,
    CASE WHEN ${deniedTest('errorcode')} THEN 1 ELSE 0 END AS denied,
    CASE WHEN eventcategory = 'Data' THEN 1 ELSE 0 END AS data,
    ${projection(dialect, 'requestparameters', REQUEST_READS, 'arns')} AS params,
    ${projection(dialect, 'responseelements', RESPONSE_READS, 'null')} AS response,
    ${dialect.resourcesJson('resources')} AS resources,
    eventtime AS time,
    eventid AS id
  FROM ${tableName(options.table)}
  WHERE ${where.join('\n    AND ')}
)
SELECT
  grouping(name) AS kind,
  role, session, account, recipient, source, name, region, type, denied, data, params, response, resources,
  count(DISTINCT id) + count_if(id IS NULL) AS n,
  count(id) - count(DISTINCT id) AS duplicates,
  min(time) AS first_seen,
  max(time) AS last_seen
FROM events
GROUP BY GROUPING SETS ((${groupKeys}), (role, session))`;
}
