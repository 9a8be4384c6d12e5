import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runUsage, type UsageProgress, type UsageResult } from './usage.js';

const ROOT = 'test/fixtures/cloudtrail/files';
const SEED_ROLE = 'arn:aws:iam::123456789012:role/MyECSTaskRole';
const APP_ROLE = 'arn:aws:iam::123456789012:role/service/app-task-role';
const BATCH_ROLE = 'arn:aws:iam::123456789012:role/batch/MyECSTaskRole';
const BUCKET = 'arn:aws:s3:::my-app-data-bucket';

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scopedown-usage-test-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const errorsOf = (r: UsageResult, root = ROOT) => r.errors.map((e) => [e.code, relative(root, e.file)]);
const role = (r: UsageResult, arn: string) => r.roles.find((x) => x.role === arn);

describe('runUsage', () => {
  it("learns the seed's GetObject, HeadObject and ListObjectsV2 as s3:GetObject on objects and s3:ListBucket on the bucket", async () => {
    const result = await runUsage([ROOT], { roles: [SEED_ROLE], cache: null });
    expect(result.roles.map((r) => r.role)).toEqual([SEED_ROLE]);
    const seed = role(result, SEED_ROLE)!;
    const allowed = seed.permissions.filter((p) => p.denied === 0);
    expect(allowed.map((p) => [p.action, p.resource, p.count])).toEqual([
      ['s3:GetObject', `${BUCKET}/data/config.json`, 1],
      ['s3:GetObject', `${BUCKET}/data/file.json`, 2],
      ['s3:ListBucket', BUCKET, 2],
    ]);
    expect(seed.permissions.find((p) => p.action === 's3:ListBucket')).toMatchObject({
      firstSeen: '2025-06-01T10:03:00Z',
      lastSeen: '2025-06-03T08:00:00Z',
    });
    expect(seed.sessions).toEqual(['5f1c0e2d9b8a4c7d8e6f5a4b3c2d1e0f', 'a20b735e9bbc41598825b6f0269f6fef']);
  });

  it('counts denied requests and drops the eventID delivered in two files', async () => {
    const result = await runUsage([ROOT], { roles: [SEED_ROLE], cache: null });
    const seed = role(result, SEED_ROLE)!;
    expect(seed.records).toBe(6);
    expect(seed.denied).toBe(1);
    expect(
      seed.permissions.filter((p) => p.denied > 0).map((p) => [p.action, p.resource, p.count, p.denied]),
    ).toEqual([['s3:PutObject', `${BUCKET}/out/report.csv`, 1, 1]]);
    expect(result.skipped.duplicates).toBe(1);
  });

  it('reports unreadable files in one line each, naming them, and reads the rest', async () => {
    const result = await runUsage([ROOT], { roles: [SEED_ROLE], cache: null });
    expect(errorsOf(result)).toEqual([
      [
        'TRUNCATED_GZIP',
        'AWSLogs/123456789012/CloudTrail/us-east-1/2025/06/01/123456789012_CloudTrail_us-east-1_20250601T1015Z_Yy6Zz7Aa8Bb9Cc0D.json.gz',
      ],
      ['INVALID_JSON', 'not-cloudtrail/notes.json'],
      ['NOT_CLOUDTRAIL', 'not-cloudtrail/policy.json'],
    ]);
    expect(result.errors.every((e) => !e.message.includes('\n'))).toBe(true);
    expect(result.files).toBe(7);
    // The next day's file names only the app role: read, not parsed. Files in error count as neither.
    expect([result.filesParsed, result.filesPrefiltered]).toEqual([3, 1]);
    expect(result.skipped.digest).toBe(2);
  });

  it('aggregates every role in one pass, IAM paths kept apart, with data-event coverage', async () => {
    const result = await runUsage([ROOT], { cache: null });
    expect(result.roles.map((r) => [r.role, r.records])).toEqual([
      [SEED_ROLE, 6],
      [BATCH_ROLE, 1],
      [APP_ROLE, 7],
    ]);
    expect(role(result, APP_ROLE)!.services).toEqual([
      { eventSource: 'dynamodb.amazonaws.com', management: 0, data: 1 },
      { eventSource: 'ec2.amazonaws.com', management: 1, data: 0 },
      { eventSource: 'kms.amazonaws.com', management: 1, data: 0 },
      { eventSource: 's3.amazonaws.com', management: 0, data: 1 },
      { eventSource: 'secretsmanager.amazonaws.com', management: 1, data: 0 },
      { eventSource: 'sqs.amazonaws.com', management: 0, data: 1 },
      { eventSource: 'sts.amazonaws.com', management: 1, data: 0 },
    ]);
    expect(role(result, APP_ROLE)!.denied).toBe(1); // Client.UnauthorizedOperation
    expect(result.skipped).toMatchObject({ noIdentity: 1, noSessionIssuer: 1, duplicates: 1, otherRoles: 0 });
    expect(result.recordsRead).toBe(17);
  });

  it('gives several roles in one pass what each gets alone', async () => {
    const both = await runUsage([ROOT], { roles: [SEED_ROLE, BATCH_ROLE], cache: null });
    const seed = await runUsage([ROOT], { roles: [SEED_ROLE], cache: null });
    const batch = await runUsage([ROOT], { roles: [BATCH_ROLE], cache: null });
    expect(both.roles).toEqual([...seed.roles, ...batch.roles]);
  });

  it('lists a role asked for that has no records', async () => {
    const none = 'arn:aws:iam::123456789012:role/unused';
    const result = await runUsage([ROOT], { roles: [none], cache: null });
    expect(result.roles).toEqual([expect.objectContaining({ role: none, records: 0, permissions: [] })]);
  });

  it('counts only the window, reading files delivered up to an hour after it', async () => {
    const result = await runUsage([ROOT], {
      roles: [SEED_ROLE],
      since: new Date('2025-06-01T10:02:00Z'),
      until: new Date('2025-06-01T10:05:00Z'),
      cache: null,
    });
    expect(result.window).toEqual({ since: '2025-06-01T10:02:00Z', until: '2025-06-01T10:05:00Z' });
    const seed = role(result, SEED_ROLE)!;
    expect(seed.records).toBe(2); // HeadObject 10:02, ListObjects 10:03
    expect(seed.permissions.map((p) => p.action)).toEqual(['s3:GetObject', 's3:ListBucket']);
    // 10:05, 10:10 (after until, within the hour) and the truncated 10:15 file; two undated files.
    expect(result.files).toBe(5);
    expect(result.skipped.foldersOutsideWindow).toBe(2);
    expect(result.skipped.outsideWindow).toBe(4);
  });

  it('reports progress per file', async () => {
    const seen: UsageProgress[] = [];
    const result = await runUsage([ROOT], { cache: null, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.filesDone)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(seen.at(-1)).toEqual({ filesDone: 7, filesTotal: 7, bytes: result.bytes, records: 17 });
  });
});

describe('runUsage cache', () => {
  it('reads only new or changed files on a re-run', async () => {
    const trail = tempDir();
    const cache = tempDir();
    cpSync(ROOT, trail, { recursive: true });
    const first = await runUsage([trail], { cache });
    expect([first.filesParsed, first.filesFromCache]).toEqual([4, 0]);

    const second = await runUsage([trail], { cache });
    expect([second.filesParsed, second.filesFromCache]).toEqual([0, 7]);
    expect(second.roles).toEqual(first.roles);
    expect(errorsOf(second, trail)).toEqual(errorsOf(first, trail));
    expect([second.recordsRead, second.records, second.skipped]).toEqual([
      first.recordsRead,
      first.records,
      first.skipped,
    ]);

    const changed = join(trail, 'AWSLogs/123456789012/CloudTrail/us-east-1/2025/06/02');
    const [name] = readdirSync(changed);
    utimesSync(join(changed, name!), new Date(), new Date());
    const third = await runUsage([trail], { cache });
    expect([third.filesParsed, third.filesFromCache]).toEqual([1, 6]);
    expect(third.roles).toEqual(first.roles);
  });

  it('keys entries on the role filter, and reuses them across windows that keep every record', async () => {
    const cache = tempDir();
    await runUsage([ROOT], { roles: [SEED_ROLE], cache });
    const other = await runUsage([ROOT], { roles: [APP_ROLE], cache });
    expect(other.filesFromCache).toBe(0);

    // A window around all of the seed's records: every entry still stands for it.
    const wide = await runUsage([ROOT], {
      roles: [SEED_ROLE],
      since: new Date('2025-05-01T00:00:00Z'),
      until: new Date('2025-07-01T00:00:00Z'),
      cache,
    });
    expect(wide.filesFromCache).toBe(wide.files);

    // A window through the records of the 10:05 and 10:10 files: those are read again, the others not.
    const narrow = await runUsage([ROOT], {
      roles: [SEED_ROLE],
      since: new Date('2025-06-01T10:02:00Z'),
      until: new Date('2025-06-01T10:05:00Z'),
      cache,
    });
    const fresh = await runUsage([ROOT], {
      roles: [SEED_ROLE],
      since: new Date('2025-06-01T10:02:00Z'),
      until: new Date('2025-06-01T10:05:00Z'),
      cache: null,
    });
    expect([narrow.filesParsed, narrow.filesFromCache]).toEqual([2, 3]);
    expect(narrow.roles).toEqual(fresh.roles);
  });
});

describe('runUsage in worker threads', () => {
  // `npm test` builds first; the compiled module starts real workers from dist/src/api/usage-worker.js.
  const dist = resolve('dist/src/api/usage.js');
  const runDist = (options: string): Omit<UsageResult, 'aggregate'> => {
    const script = `import(${JSON.stringify(dist)}).then((m) => m.runUsage([${JSON.stringify(ROOT)}], ${options})).then((r) => process.stdout.write(JSON.stringify({ ...r, aggregate: undefined })))`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout) as Omit<UsageResult, 'aggregate'>;
  };
  const built = existsSync(resolve('dist/src/api/usage-worker.js'));

  it.skipIf(!built)('gives the same result as in-process processing', async () => {
    const inProcess = await runUsage([ROOT], { cache: null });
    const threaded = runDist('{ cache: null, workers: 2 }');
    expect(threaded.workers).toBe(2);
    expect(threaded.roles).toEqual(inProcess.roles);
    expect(threaded.errors).toEqual(inProcess.errors);
    expect(threaded.skipped).toEqual(inProcess.skipped);
  });

  it.skipIf(!built)('reads a file too large for a worker heap in the main thread', async () => {
    const inProcess = await runUsage([ROOT], { cache: null });
    // 4 MiB is too small for any file (or even the event map): every file falls back.
    const starved = runDist('{ cache: null, workers: 2, workerHeapMb: 4 }');
    expect(starved.roles).toEqual(inProcess.roles);
    expect(starved.errors).toEqual(inProcess.errors);
  });
});
