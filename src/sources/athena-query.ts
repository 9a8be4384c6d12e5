/**
 * One Amazon Athena query, start to rows: StartQueryExecution, GetQueryExecution polled with
 * backoff until the query ends, then GetQueryResults page by page. Failures come back as
 * `AwsCallError`s naming the call (and the query ID once there is one), never as throws.
 */
import {
  type AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  type GetQueryResultsCommandOutput,
  type QueryExecution,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import type { AwsCallError } from '../model/errors.js';
import { type CallSite, clean, toAwsCallError } from './aws-utils/call-error.js';

export interface AthenaQueryOptions {
  workGroup?: string;
  /** `s3://…/` for results; required unless the workgroup sets one. */
  outputLocation?: string;
  database?: string;
  catalog?: string;
  /** First poll delay and the cap it doubles up to (ms); default 500 and 5,000. */
  pollMs?: { first: number; max: number };
  /** Give up (and stop the query) after this long (ms); default 30 minutes. */
  timeoutMs?: number;
  /** Called after each poll while the query runs. */
  onPoll?: (state: string, elapsedMs: number, bytesScanned: number) => void;
  /** Aborted (Ctrl-C): the query is stopped, so that it stops costing. */
  signal?: AbortSignal;
}

export interface AthenaQueryDone {
  id: string;
  /** `DataScannedInBytes`: what Athena bills for. */
  bytesScanned: number;
  engineMs: number;
}

export type AthenaQueryOutcome = { ok: true; done: AthenaQueryDone } | { ok: false; error: AwsCallError };

/** Waits `ms`, or less when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function failed(site: CallSite, err: unknown): { ok: false; error: AwsCallError } {
  return { ok: false, error: toAwsCallError(site, err) };
}

/** Why a query ended without success, from GetQueryExecution. */
function endedBadly(
  site: CallSite,
  execution: QueryExecution,
  state: string,
): { ok: false; error: AwsCallError } {
  const reason =
    execution.Status?.StateChangeReason ?? execution.Status?.AthenaError?.ErrorMessage ?? 'no reason given';
  const code = execution.Status?.AthenaError?.ErrorType
    ? `${state}(${execution.Status.AthenaError.ErrorType})`
    : state;
  return {
    ok: false,
    error: {
      service: 'athena',
      operation: site.operation,
      awsCode: code,
      message: `${['athena', site.region, 'query', site.target].filter(Boolean).join(' ')}: ${code}: ${clean(reason)}`,
      retryable: execution.Status?.AthenaError?.Retryable === true,
    },
  };
}

/** Runs `sql` and waits for it to end. */
export async function runAthenaQuery(
  client: AthenaClient,
  sql: string,
  options: AthenaQueryOptions = {},
): Promise<AthenaQueryOutcome> {
  const region = await client.config.region().catch(() => undefined);
  const start: CallSite = { service: 'athena', region, operation: 'StartQueryExecution' };
  let id: string | undefined;
  try {
    const started = await client.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        ...(options.workGroup ? { WorkGroup: options.workGroup } : {}),
        ...(options.outputLocation
          ? { ResultConfiguration: { OutputLocation: options.outputLocation } }
          : {}),
        ...(options.database || options.catalog
          ? {
              QueryExecutionContext: {
                ...(options.database ? { Database: options.database } : {}),
                ...(options.catalog ? { Catalog: options.catalog } : {}),
              },
            }
          : {}),
      }),
    );
    id = started.QueryExecutionId;
  } catch (err) {
    return failed(start, err);
  }
  if (!id) return failed(start, new Error('no QueryExecutionId in the response'));
  const poll: CallSite = { service: 'athena', region, operation: 'GetQueryExecution', target: id };
  const first = options.pollMs?.first ?? 500;
  const max = options.pollMs?.max ?? 5000;
  const timeout = options.timeoutMs ?? 30 * 60_000;
  const began = Date.now();
  for (let delay = first; ; delay = Math.min(max, delay * 2)) {
    let execution: QueryExecution | undefined;
    try {
      execution = (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution;
    } catch (err) {
      return failed(poll, err);
    }
    const state = execution?.Status?.State ?? 'UNKNOWN';
    const bytes = execution?.Statistics?.DataScannedInBytes ?? 0;
    const elapsed = Date.now() - began;
    options.onPoll?.(state, elapsed, bytes);
    if (state === 'SUCCEEDED')
      return {
        ok: true,
        done: { id, bytesScanned: bytes, engineMs: execution?.Statistics?.EngineExecutionTimeInMillis ?? 0 },
      };
    if (state === 'FAILED' || state === 'CANCELLED') return endedBadly(poll, execution ?? {}, state);
    const interrupted = options.signal?.aborted === true;
    if (elapsed > timeout || interrupted) {
      // Stopped so that it stops costing; what it scanned so far is still billed.
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => undefined);
      const why = interrupted
        ? 'interrupted; the query was stopped'
        : `no result after ${Math.round(elapsed / 1000)} s; the query was stopped`;
      return endedBadly(
        poll,
        { Status: { StateChangeReason: why } },
        interrupted ? 'INTERRUPTED' : 'TIMEOUT',
      );
    }
    await sleep(delay, options.signal);
  }
}

/**
 * The result rows of a finished query, by column name (SQL NULL: absent), page by page. The first
 * row of the first page is the header Athena adds to SELECT results, and is skipped.
 */
export async function* athenaRows(
  client: AthenaClient,
  id: string,
  errors: AwsCallError[],
  pageSize = 1000,
): AsyncGenerator<Record<string, string>> {
  const region = await client.config.region().catch(() => undefined);
  const site: CallSite = { service: 'athena', region, operation: 'GetQueryResults', target: id };
  let token: string | undefined;
  let firstPage = true;
  do {
    let page: GetQueryResultsCommandOutput;
    try {
      page = await client.send(
        new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: pageSize, NextToken: token }),
      );
    } catch (err) {
      errors.push(toAwsCallError(site, err));
      return;
    }
    const names = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? '');
    const rows = page.ResultSet?.Rows ?? [];
    for (let i = 0; i < rows.length; i++) {
      const data = rows[i]?.Data ?? [];
      if (firstPage && i === 0 && data.every((d, k) => d.VarCharValue === names[k])) continue;
      const row: Record<string, string> = {};
      data.forEach((d, k) => {
        if (d.VarCharValue !== undefined && names[k]) row[names[k]!] = d.VarCharValue;
      });
      yield row;
    }
    firstPage = false;
    token = page.NextToken;
  } while (token);
}
