/**
 * A CloudTrail table in an embedded DuckDB, shaped like the Athena table (lower-case columns,
 * `requestparameters`/`responseelements` as JSON text, `useridentity` and `resources` as structs),
 * so that the usage query runs on fixture records as Athena would run it on a trail.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DUCKDB_MACROS } from '../../src/analyses/usage/athena/dialect.js';
import type { ResultRow } from '../../src/analyses/usage/athena/rows.js';

const IDENTITY =
  'STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, invokedby VARCHAR, ' +
  'sessioncontext STRUCT(sessionissuer STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, username VARCHAR)))';

const COLUMNS: Record<string, string> = {
  eventversion: 'VARCHAR',
  useridentity: IDENTITY,
  eventtime: 'VARCHAR',
  eventsource: 'VARCHAR',
  eventname: 'VARCHAR',
  awsregion: 'VARCHAR',
  errorcode: 'VARCHAR',
  requestparameters: 'VARCHAR',
  responseelements: 'VARCHAR',
  eventid: 'VARCHAR',
  eventtype: 'VARCHAR',
  recipientaccountid: 'VARCHAR',
  eventcategory: 'VARCHAR',
  resources: 'STRUCT(arn VARCHAR, accountid VARCHAR, type VARCHAR)[]',
};

/** Object keys in lower case, recursively: the SerDe matches JSON keys to columns and struct fields so. */
function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]));
}

/** One record as the CloudTrail SerDe presents it: nested objects in STRING columns as JSON text. */
function athenaRow(record: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (record === null || typeof record !== 'object') return out;
  for (const [key, value] of Object.entries(record)) {
    const column = key.toLowerCase();
    const type = COLUMNS[column];
    if (!type) continue;
    if (type === 'VARCHAR') {
      out[column] =
        value === null || value === undefined
          ? null
          : typeof value === 'string'
            ? value
            : JSON.stringify(value);
    } else {
      out[column] = lowerKeys(value);
    }
  }
  return out;
}

/** Runs `sql` (written for the DUCKDB dialect) over a table `db.trail` holding the records. */
export async function queryTrail(records: readonly unknown[], sql: string): Promise<ResultRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'scopedown-duckdb-'));
  const file = join(dir, 'trail.ndjson');
  writeFileSync(file, records.map((r) => JSON.stringify(athenaRow(r))).join('\n'));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const columns = Object.entries(COLUMNS)
      .map(([k, v]) => `${k}: '${v}'`)
      .join(', ');
    await connection.run('CREATE SCHEMA db');
    await connection.run(
      `CREATE TABLE db.trail AS SELECT * FROM read_json('${file}', format = 'newline_delimited', columns = {${columns}})`,
    );
    await connection.run(DUCKDB_MACROS);
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjects().map((row) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(row)) if (v !== null && v !== undefined) out[k] = String(v);
      return out as ResultRow;
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
