/**
 * The Athena call sequence on an in-memory client: paging, failure states, the timeout. (The flow
 * against the emulator is test/integration/usage-athena.test.ts; moto returns one page and never fails a query.)
 */
import type { AthenaClient } from '@aws-sdk/client-athena';
import { describe, expect, it } from 'vitest';
import type { AwsCallError } from '../model/errors.js';
import { athenaRows, runAthenaQuery } from './athena-query.js';

type Reply = (input: Record<string, unknown>) => unknown;

/** A client whose `send` answers each command by its name; records the calls. */
function fakeClient(replies: Record<string, Reply>): { client: AthenaClient; calls: string[] } {
  const calls: string[] = [];
  const client = {
    config: { region: async () => 'eu-west-1' },
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      calls.push(name);
      const reply = replies[name];
      if (!reply) throw new Error(`unexpected ${name}`);
      return reply(command.input);
    },
  } as unknown as AthenaClient;
  return { client, calls };
}

const cell = (v: string | undefined) => (v === undefined ? {} : { VarCharValue: v });
const columns = [{ Name: 'a' }, { Name: 'b' }];

describe('athenaRows', () => {
  it('walks every page, skips only the first page header, and leaves NULLs out', async () => {
    const pages: Record<string, unknown> = {
      start: {
        ResultSet: {
          ResultSetMetadata: { ColumnInfo: columns },
          Rows: [{ Data: [cell('a'), cell('b')] }, { Data: [cell('1'), cell(undefined)] }],
        },
        NextToken: 't2',
      },
      t2: {
        ResultSet: {
          ResultSetMetadata: { ColumnInfo: columns },
          Rows: [{ Data: [cell('a'), cell('b')] }, { Data: [cell('3'), cell('4')] }],
        },
      },
    };
    const { client, calls } = fakeClient({
      GetQueryResults: (input) => pages[(input.NextToken as string | undefined) ?? 'start'],
    });
    const rows = [];
    const errors: AwsCallError[] = [];
    for await (const row of athenaRows(client, 'q1', errors)) rows.push(row);
    // On later pages a row equal to the header is data, not a header.
    expect(rows).toEqual([{ a: '1' }, { a: 'a', b: 'b' }, { a: '3', b: '4' }]);
    expect(calls).toEqual(['GetQueryResults', 'GetQueryResults']);
    expect(errors).toEqual([]);
  });

  it('records a failing page and stops', async () => {
    const { client } = fakeClient({
      GetQueryResults: () => {
        throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      },
    });
    const errors: AwsCallError[] = [];
    for await (const _ of athenaRows(client, 'q1', errors)) expect.unreachable();
    expect(errors[0]).toMatchObject({
      operation: 'GetQueryResults',
      awsCode: 'ThrottlingException',
      retryable: true,
    });
    expect(errors[0]!.message).toContain('q1');
  });
});

describe('runAthenaQuery', () => {
  it('polls until the query ends and reports what it scanned', async () => {
    const states = ['QUEUED', 'RUNNING', 'SUCCEEDED'];
    const { client } = fakeClient({
      StartQueryExecution: () => ({ QueryExecutionId: 'q1' }),
      GetQueryExecution: () => ({
        QueryExecution: {
          Status: { State: states.shift() },
          Statistics: { DataScannedInBytes: 2048, EngineExecutionTimeInMillis: 7 },
        },
      }),
    });
    const seen: string[] = [];
    const r = await runAthenaQuery(client, 'SELECT 1', {
      pollMs: { first: 1, max: 2 },
      onPoll: (s) => seen.push(s),
    });
    expect(r).toEqual({ ok: true, done: { id: 'q1', bytesScanned: 2048, engineMs: 7 } });
    expect(seen).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED']);
  });

  it('turns a FAILED query into one line with Athena’s reason', async () => {
    const { client } = fakeClient({
      StartQueryExecution: () => ({ QueryExecutionId: 'q9' }),
      GetQueryExecution: () => ({
        QueryExecution: {
          Status: {
            State: 'FAILED',
            StateChangeReason: "COLUMN_NOT_FOUND: line 12:10: Column 'eventcategory' cannot be resolved",
            AthenaError: { ErrorType: 1006, Retryable: false },
          },
        },
      }),
    });
    const r = await runAthenaQuery(client, 'SELECT 1', { pollMs: { first: 1, max: 1 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.awsCode).toBe('FAILED(1006)');
    expect(r.error.message).toBe(
      "athena eu-west-1 query q9: FAILED(1006): COLUMN_NOT_FOUND: line 12:10: Column 'eventcategory' cannot be resolved",
    );
  });

  it('stops a query that outlives the timeout', async () => {
    const { client, calls } = fakeClient({
      StartQueryExecution: () => ({ QueryExecutionId: 'q5' }),
      GetQueryExecution: () => ({ QueryExecution: { Status: { State: 'RUNNING' } } }),
      StopQueryExecution: () => ({}),
    });
    const r = await runAthenaQuery(client, 'SELECT 1', { pollMs: { first: 1, max: 1 }, timeoutMs: 5 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.awsCode).toBe('TIMEOUT');
    expect(calls.at(-1)).toBe('StopQueryExecution');
  });

  it('stops the query when interrupted (Ctrl-C), without waiting out the poll delay', async () => {
    const interrupt = new AbortController();
    const { client, calls } = fakeClient({
      StartQueryExecution: () => ({ QueryExecutionId: 'q7' }),
      GetQueryExecution: () => {
        setTimeout(() => interrupt.abort(), 5);
        return { QueryExecution: { Status: { State: 'RUNNING' } } };
      },
      StopQueryExecution: (input) => {
        expect(input.QueryExecutionId).toBe('q7');
        return {};
      },
    });
    const started = Date.now();
    const r = await runAthenaQuery(client, 'SELECT 1', {
      pollMs: { first: 60_000, max: 60_000 },
      signal: interrupt.signal,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r).toMatchObject({ ok: false, error: { awsCode: 'INTERRUPTED' } });
    expect(calls).toEqual([
      'StartQueryExecution',
      'GetQueryExecution',
      'GetQueryExecution',
      'StopQueryExecution',
    ]);
  });

  it('reports a refused start without a query ID', async () => {
    const { client } = fakeClient({
      StartQueryExecution: () => {
        throw Object.assign(new Error('User is not authorized to perform: athena:StartQueryExecution'), {
          name: 'AccessDeniedException',
        });
      },
    });
    const r = await runAthenaQuery(client, 'SELECT 1');
    expect(r).toMatchObject({
      ok: false,
      error: { operation: 'StartQueryExecution', awsCode: 'AccessDeniedException' },
    });
  });
});
