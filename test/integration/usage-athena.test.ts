/**
 * `scopedown usage --athena` against the emulator. moto runs no SQL: the rows it returns are the
 * ones DuckDB computes by running the same query on the fixture trail (queued through moto's
 * `/moto-api/static/athena/query-results`), so the test covers the SDK flow end to end (create the
 * table, start, poll, read the results, map them) and that the output equals the local path's.
 */
import { spawn } from 'node:child_process';
import { AthenaClient, GetQueryExecutionCommand, ListQueryExecutionsCommand } from '@aws-sdk/client-athena';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it } from 'vitest';
import { DUCKDB } from '../../src/analyses/usage/athena/dialect.js';
import { RESULT_COLUMNS, usageQuery } from '../../src/analyses/usage/athena/query.js';
import { usageFromAthena } from '../../src/api/usage-athena.js';
import type { UsageOutputJson } from '../../src/reports/usage.js';
import { queryTrail } from '../support/duckdb-trail.js';
import { fixtureRecords } from '../support/fixture-records.js';
import { runScopedown } from '../support/run-cli.js';
import { resetMoto, useMoto } from './moto.js';

const endpoint = useMoto();
const ROLE = 'arn:aws:iam::123456789012:role/MyECSTaskRole';
const WINDOW = ['--since', '2025-06-01', '--until', '2025-06-02T23:00:00Z'];

async function motoApi(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${endpoint}/moto-api/${path}`, { method: 'POST', body: JSON.stringify(body) });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`moto-api ${path}: HTTP ${res.status}`);
}

/** Queues results for the next queries Athena starts, in order (a DDL statement takes one too). */
async function queueResults(...results: Array<Array<Record<string, string>>>): Promise<void> {
  const columnInfo = RESULT_COLUMNS.map((name) => ({ Name: name, Type: 'varchar' }));
  const header = { Data: RESULT_COLUMNS.map((name) => ({ VarCharValue: name })) };
  await motoApi('static/athena/query-results', {
    account_id: '123456789012',
    region: 'us-east-1',
    results: results.map((rows) => ({
      column_info: columnInfo,
      rows: [
        header,
        ...rows.map((row) => ({
          Data: RESULT_COLUMNS.map((c) => (row[c] === undefined ? {} : { VarCharValue: row[c] })),
        })),
      ],
    })),
  });
}

/** The rows Athena would return for the role's usage query over the fixture trail. */
async function expectedRows(): Promise<Array<Record<string, string>>> {
  const sql = usageQuery(
    { table: 'db.trail', roles: [ROLE], since: '2025-06-01T00:00:00Z', until: '2025-06-02T23:00:00Z' },
    DUCKDB,
  );
  return (await queryTrail(fixtureRecords(), sql)) as Array<Record<string, string>>;
}

describe('scopedown usage --athena against the emulator', () => {
  beforeEach(async () => {
    await resetMoto(endpoint);
    const s3 = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true });
    for (const bucket of ['athena-results', 'trail-bucket', 'org-trail-bucket', 'empty-bucket'])
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    // One log file is enough for the table's location to be found; Athena (moto) reads none.
    const key =
      'AWSLogs/123456789012/CloudTrail/us-east-1/2025/06/01/123456789012_CloudTrail_us-east-1_20250601T1005Z_Aa1Bb2Cc3Dd4Ee5F.json.gz';
    await s3.send(new PutObjectCommand({ Bucket: 'trail-bucket', Key: `prefix/${key}`, Body: '{}' }));
    await s3.send(
      new PutObjectCommand({
        Bucket: 'org-trail-bucket',
        Key: key.replace('AWSLogs/', 'AWSLogs/o-a1b2c3d4e5/'),
        Body: '{}',
      }),
    );
    s3.destroy();
  });

  async function lastDdl(): Promise<string | undefined> {
    const client = new AthenaClient({ region: 'us-east-1' });
    const ids = (await client.send(new ListQueryExecutionsCommand({}))).QueryExecutionIds ?? [];
    const queries = await Promise.all(
      ids.map(
        async (id) =>
          (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution!.Query!,
      ),
    );
    client.destroy();
    return queries.find((q) => q.startsWith('CREATE EXTERNAL TABLE'));
  }

  it('finds the organisation folder under the trail URL, and refuses a bucket with no trail', async () => {
    await queueResults([], []);
    const args = ['usage', '--athena', '--athena-output', 's3://athena-results/', '--role', ROLE, ...WINDOW];
    const org = await runScopedown([...args, '--athena-create-table', 's3://org-trail-bucket'], process.env);
    expect(org.stderr).toBe('');
    expect(org.code).toBe(0);
    expect(await lastDdl()).toContain("LOCATION 's3://org-trail-bucket/AWSLogs/o-a1b2c3d4e5/'");

    await resetMoto(endpoint);
    const s3 = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'empty-bucket' }));
    s3.destroy();
    const none = await runScopedown(
      [...args, '--athena-create-table', 's3://empty-bucket/logs'],
      process.env,
    );
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/NotATrail: .*no account folders/);
    expect(await lastDdl()).toBeUndefined();
  });

  it('creates the table, runs the query and reports what the local path reports', async () => {
    await queueResults([], await expectedRows());
    const run = await runScopedown(
      [
        'usage',
        '--athena',
        '--athena-create-table',
        's3://trail-bucket/prefix',
        '--athena-regions',
        'us-east-1,eu-west-1',
        '--athena-output',
        's3://athena-results/scopedown/',
        '--role',
        ROLE,
        ...WINDOW,
        '--format',
        'json',
      ],
      process.env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const athena = JSON.parse(run.stdout) as UsageOutputJson;
    expect(athena.source.kind).toBe('athena');
    expect(athena.source.queries!.map((q) => q.kind)).toEqual(['create-table', 'usage']);
    expect(athena.source.bytesScanned).toBe(0); // moto scans nothing

    const local = await runScopedown(
      [
        'usage',
        '--cloudtrail',
        'test/fixtures/cloudtrail/files/AWSLogs',
        '--role',
        ROLE,
        ...WINDOW,
        '--no-cache',
        '--workers',
        '0',
        '--format',
        'json',
      ],
      process.env,
    );
    const files = JSON.parse(local.stdout) as UsageOutputJson;
    expect(athena.permissions).toEqual(files.permissions);
    expect(athena.permissions!.map((p) => `${p.action} ${p.resource}`)).toEqual(
      expect.arrayContaining([
        's3:GetObject arn:aws:s3:::my-app-data-bucket/data/file.json',
        's3:ListBucket arn:aws:s3:::my-app-data-bucket',
      ]),
    );
    expect(athena.unmapped).toEqual(files.unmapped);
    expect(athena.records).toBe(files.records);

    // What Athena was asked: the table with partition projection, then the query, in the workgroup.
    const client = new AthenaClient({ region: 'us-east-1' });
    const ids = (await client.send(new ListQueryExecutionsCommand({}))).QueryExecutionIds ?? [];
    const executions = await Promise.all(
      ids.map(
        async (id) =>
          (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution!,
      ),
    );
    client.destroy();
    const ddl = executions.find((e) => e.Query!.startsWith('CREATE EXTERNAL TABLE'));
    expect(ddl?.Query).toContain("'projection.enabled' = 'true'");
    expect(ddl?.Query).toContain("LOCATION 's3://trail-bucket/prefix/AWSLogs/'");
    expect(ddl?.Query).toContain("'projection.account.values' = '123456789012'");
    const query = executions.find((e) => e.Query!.startsWith('WITH events'));
    expect(query?.Query).toContain(`"timestamp" >= '2025/06/01'`);
    // GetQueryExecution names the result file under the output location, as Athena does.
    expect(query?.ResultConfiguration?.OutputLocation).toBe(
      `s3://athena-results/scopedown/${query?.QueryExecutionId}.csv`,
    );
  });

  it('polls a query through QUEUED and RUNNING', async () => {
    await queueResults(await expectedRows());
    await motoApi('state-manager/set-transition', {
      model_name: 'athena::execution',
      transition: { progression: 'manual', times: 2 },
    });
    const states: string[] = [];
    const r = await usageFromAthena({
      roles: [ROLE],
      since: new Date('2025-06-01T00:00:00Z'),
      until: new Date('2025-06-02T23:00:00Z'),
      table: 'default.trail',
      dayPartition: 'dt',
      outputLocation: 's3://athena-results/',
      pollMs: { first: 5, max: 20 },
      onPoll: (state) => states.push(state),
    });
    await motoApi('state-manager/unset-transition', { model_name: 'athena::execution' });
    expect(r.awsErrors).toEqual([]);
    expect(states.at(-1)).toBe('SUCCEEDED');
    expect(states).toContain('RUNNING');
    expect(r.sql).toContain(`"dt" <= '2025/06/03'`);
    expect(r.aggregate.summary(ROLE)?.permissions.length).toBeGreaterThan(1);
  });

  it('names the call and exits 2 when Athena refuses the query', async () => {
    const run = await runScopedown(
      [
        'usage',
        '--athena',
        '--athena-workgroup',
        'no-such-workgroup',
        '--role',
        ROLE,
        ...WINDOW,
        '--format',
        'json',
      ],
      process.env,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^aws athena:StartQueryExecution: InvalidRequestException: .*WorkGroup does not exist/m,
    );
  });

  it('Ctrl-C stops the running query (the installed bin, as a user runs it)', async () => {
    await motoApi('state-manager/set-transition', {
      model_name: 'athena::execution',
      transition: { progression: 'manual', times: 100_000 },
    });
    try {
      const child = spawn(
        process.execPath,
        [
          'bin/scopedown.js',
          'usage',
          '--athena',
          '--athena-output',
          's3://athena-results/',
          '--role',
          ROLE,
          ...WINDOW,
        ],
        { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString();
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const client = new AthenaClient({ region: 'us-east-1' });
      let ids: string[] = [];
      for (let i = 0; i < 200 && ids.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        ids = (await client.send(new ListQueryExecutionsCommand({}))).QueryExecutionIds ?? [];
      }
      expect(ids).toHaveLength(1);
      child.kill('SIGINT');
      expect(await exited).toBe(2);
      expect(stderr).toMatch(/INTERRUPTED: interrupted; the query was stopped/);
      const state = (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: ids[0] })))
        .QueryExecution?.Status?.State;
      client.destroy();
      expect(state).toBe('CANCELLED');
    } finally {
      await motoApi('state-manager/unset-transition', { model_name: 'athena::execution' });
    }
  });
});
