/**
 * The usage query's result rows back into an aggregate: each group becomes one record carrying the
 * fields the query kept, mapped by the same event map as a record read from a file.
 */
import type { CloudTrailRecord, CloudTrailResource } from '../../../model/cloudtrail.js';
import type { EventMapper, UsageAggregate } from '../aggregate.js';
import type { ResultColumn } from './query.js';

/** One result row by column name; SQL NULL is undefined. */
export type ResultRow = Readonly<Partial<Record<ResultColumn, string>>>;

function json(text: string | undefined, column: string): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`usage query: column ${column} is not JSON: ${text.slice(0, 80)}`);
  }
}

function objectOrUndefined(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function resources(text: string | undefined): CloudTrailResource[] | undefined {
  const parsed = json(text, 'resources');
  if (!Array.isArray(parsed)) return undefined;
  return parsed.map((pair): CloudTrailResource => {
    const [type, arn] = Array.isArray(pair) ? pair : [];
    return {
      ...(typeof type === 'string' ? { type } : {}),
      ...(typeof arn === 'string' ? { ARN: arn } : {}),
    };
  });
}

function count(row: ResultRow, column: 'n' | 'duplicates'): number {
  const n = Number(row[column] ?? '0');
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`usage query: column ${column} is not a count`);
  return n;
}

/** The record a group row stands for. */
export function groupRecord(row: ResultRow): CloudTrailRecord {
  const role = row.role;
  if (!role || !row.source || !row.name || !row.first_seen)
    throw new Error('usage query: incomplete group row');
  const params = json(row.params, 'params');
  const response = json(row.response, 'response');
  return {
    eventTime: row.first_seen,
    eventSource: row.source,
    eventName: row.name,
    ...(row.region !== undefined ? { awsRegion: row.region } : {}),
    ...(row.type !== undefined ? { eventType: row.type } : {}),
    ...(row.recipient !== undefined ? { recipientAccountId: row.recipient } : {}),
    eventCategory: row.data === '1' ? 'Data' : 'Management',
    ...(row.denied === '1' ? { errorCode: 'AccessDenied' } : {}),
    userIdentity: {
      ...(row.account !== undefined ? { accountId: row.account } : {}),
      // Only when the query grouped by session too (a per-task or per-revision view).
      ...(row.session !== undefined ? { arn: row.session } : {}),
      sessionContext: { sessionIssuer: { arn: role } },
    },
    requestParameters: params === undefined ? null : (objectOrUndefined(params) ?? null),
    ...(response !== undefined ? { responseElements: objectOrUndefined(response) ?? null } : {}),
    ...(row.resources !== undefined ? { resources: resources(row.resources) } : {}),
  };
}

/** Adds one result row (a group of records, or a role's session) to the aggregate. Throws on a malformed row. */
export function addResultRow(aggregate: UsageAggregate, map: EventMapper, row: ResultRow): void {
  if (row.kind === '1') {
    if (row.role && row.session) aggregate.addSession(row.role, row.session);
    return;
  }
  if (row.kind !== '0') throw new Error(`usage query: unknown row kind ${row.kind ?? 'NULL'}`);
  aggregate.addGroup(groupRecord(row), map, {
    count: count(row, 'n'),
    duplicates: count(row, 'duplicates'),
    firstSeen: row.first_seen ?? '',
    lastSeen: row.last_seen ?? '',
  });
}
