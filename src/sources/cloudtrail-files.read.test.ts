import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deliveryRange,
  listTrailFiles,
  mayMentionRoles,
  parseTrailRecords,
  readTrailFile,
} from './cloudtrail-files.read.js';
import { folderRange, mayHoldWindow } from './cloudtrail-utils/delivery-time.js';

const ROOT = 'test/fixtures/cloudtrail/files';
const DAY1 = `${ROOT}/AWSLogs/123456789012/CloudTrail/us-east-1/2025/06/01`;
const FILE_1005 = `${DAY1}/123456789012_CloudTrail_us-east-1_20250601T1005Z_Aa1Bb2Cc3Dd4Ee5F.json.gz`;
const FILE_1010 = `${DAY1}/123456789012_CloudTrail_us-east-1_20250601T1010Z_Gg6Hh7Ii8Jj9Kk0L.json.gz`;
const TRUNCATED = `${DAY1}/123456789012_CloudTrail_us-east-1_20250601T1015Z_Yy6Zz7Aa8Bb9Cc0D.json.gz`;
const PLAIN_0602 = `${ROOT}/AWSLogs/123456789012/CloudTrail/us-east-1/2025/06/02/123456789012_CloudTrail_us-east-1_20250602T0905Z_Mm1Nn2Oo3Pp4Qq5R.json`;
const ESCAPED_0603 = `${ROOT}/org/AWSLogs/o-a1b2c3d4e5/123456789012/CloudTrail/eu-west-1/2025/06/03/123456789012_CloudTrail_eu-west-1_20250603T0805Z_Ss1Tt2Uu3Vv4Ww5X.json.gz`;
const SEED_ROLE = 'arn:aws:iam::123456789012:role/MyECSTaskRole';
const BATCH_ROLE = 'arn:aws:iam::123456789012:role/batch/MyECSTaskRole';

const names = (files: Array<{ path: string }>) => files.map((f) => relative(ROOT, f.path));

describe('listTrailFiles', () => {
  it('finds .json.gz and .json files at any depth, skipping digests', async () => {
    const listing = await listTrailFiles([ROOT]);
    expect(names(listing.files)).toEqual([
      relative(ROOT, FILE_1005),
      relative(ROOT, FILE_1010),
      relative(ROOT, TRUNCATED),
      relative(ROOT, PLAIN_0602),
      'not-cloudtrail/notes.json',
      'not-cloudtrail/policy.json',
      relative(ROOT, ESCAPED_0603),
    ]);
    // The CloudTrail-Digest folder, and a digest file copied elsewhere.
    expect(listing.skipped.digest).toBe(2);
    expect(listing.errors).toEqual([]);
    expect(listing.files.every((f) => f.size > 0 && f.mtimeMs > 0)).toBe(true);
  });

  it('skips files delivered before since, unopened', async () => {
    const listing = await listTrailFiles([ROOT], { since: new Date('2025-06-02T00:00:00Z') });
    expect(names(listing.files)).toEqual([
      relative(ROOT, PLAIN_0602),
      'not-cloudtrail/notes.json',
      'not-cloudtrail/policy.json',
      relative(ROOT, ESCAPED_0603),
    ]);
    // The 2025/06/01 folder is not even listed.
    expect(listing.skipped.foldersOutsideWindow).toBe(1);
  });

  it('reads files delivered up to an hour after until', async () => {
    const early = await listTrailFiles([DAY1], { until: new Date('2025-06-01T09:04:59Z') });
    expect(early.files).toEqual([]);
    const window = await listTrailFiles([DAY1], { until: new Date('2025-06-01T09:10:00Z') });
    expect(names(window.files)).toEqual([relative(ROOT, FILE_1005), relative(ROOT, FILE_1010)]);
    expect(window.skipped.filesOutsideWindow).toBe(1);
  });

  it('applies the window to explicit files too', async () => {
    const listing = await listTrailFiles([FILE_1005, PLAIN_0602], {
      since: new Date('2025-06-02T00:00:00Z'),
    });
    expect(names(listing.files)).toEqual([relative(ROOT, PLAIN_0602)]);
    expect(listing.skipped.filesOutsideWindow).toBe(1);
  });

  it('reports a missing path and a folder without trail files', async () => {
    const listing = await listTrailFiles([`${ROOT}/nope`, 'src/model']);
    expect(listing.errors.map((e) => [e.code, e.file])).toEqual([
      ['FILE_NOT_FOUND', `${ROOT}/nope`],
      ['NO_INPUT', 'src/model'],
    ]);
  });
});

describe('delivery time', () => {
  it.each([
    [
      'name',
      `${DAY1}/123456789012_CloudTrail_us-east-1_20250601T1005Z_Aa1Bb2Cc3Dd4Ee5F.json.gz`,
      '2025-06-01T10:05:00.000Z',
      60_000,
    ],
    ['day folders', 'logs/2025/06/01/anything.json', '2025-06-01T00:00:00.000Z', 86_400_000],
    ['Windows separators', 'C:\\logs\\2025\\06\\01\\anything.json', '2025-06-01T00:00:00.000Z', 86_400_000],
    [
      'impossible date in name falls back to folders',
      'x/2025/06/01/1_CloudTrail_us-east-1_20250231T1005Z_A.json',
      '2025-06-01T00:00:00.000Z',
      86_400_000,
    ],
  ])('%s', (_id, path, from, span) => {
    const range = deliveryRange(path);
    expect(new Date(range!.from).toISOString()).toBe(from);
    expect(range!.to - range!.from).toBe(span);
  });

  it('is unknown for other names', () => {
    expect(deliveryRange('trail/export.json')).toBeUndefined();
    expect(deliveryRange('x/2025/13/01/a.json')).toBeUndefined();
  });

  it('reads day and month folders, not other numbers', () => {
    expect(folderRange('AWSLogs/1/CloudTrail/us-east-1/2025/06/01')).toEqual({
      from: Date.UTC(2025, 5, 1),
      to: Date.UTC(2025, 5, 2),
    });
    expect(folderRange('AWSLogs/1/CloudTrail/us-east-1/2025/12')).toEqual({
      from: Date.UTC(2025, 11, 1),
      to: Date.UTC(2026, 0, 1),
    });
    expect(folderRange('builds/1234/56')).toBeUndefined();
  });

  it('keeps a file delivered in the last minute before since and an hour after until', () => {
    const range = { from: Date.UTC(2025, 5, 1, 10, 5), to: Date.UTC(2025, 5, 1, 10, 6) };
    expect(mayHoldWindow(range, { since: Date.UTC(2025, 5, 1, 10, 5, 30) })).toBe(true);
    expect(mayHoldWindow(range, { since: Date.UTC(2025, 5, 1, 10, 6) })).toBe(false);
    expect(mayHoldWindow(range, { until: Date.UTC(2025, 5, 1, 9, 5) })).toBe(true);
    expect(mayHoldWindow(range, { until: Date.UTC(2025, 5, 1, 9, 4, 59) })).toBe(false);
  });
});

describe('readTrailFile', () => {
  it('gunzips .json.gz and reads .json', async () => {
    for (const file of [FILE_1005, PLAIN_0602]) {
      const read = await readTrailFile(file);
      expect(read.status).toBe('text');
      if (read.status !== 'text') continue;
      const records = parseTrailRecords(read.text, file);
      expect(records.ok && records.value.length).toBeGreaterThan(0);
    }
  });

  it('reports a truncated gzip file in one line naming it', async () => {
    const read = await readTrailFile(TRUNCATED);
    expect(read).toEqual({
      status: 'error',
      error: expect.objectContaining({ code: 'TRUNCATED_GZIP', file: TRUNCATED }),
    });
    if (read.status === 'error') expect(read.error.message).not.toContain('\n');
  });

  it.each([
    ['not JSON', `${ROOT}/not-cloudtrail/notes.json`, 'INVALID_JSON'],
    ['JSON, not CloudTrail', `${ROOT}/not-cloudtrail/policy.json`, 'NOT_CLOUDTRAIL'],
  ])('%s', async (_id, file, code) => {
    const read = await readTrailFile(file);
    expect(read.status).toBe('text');
    if (read.status !== 'text') return;
    const parsed = parseTrailRecords(read.text, file);
    expect(parsed.ok ? [] : parsed.errors.map((e) => [e.code, e.file])).toEqual([[code, file]]);
  });

  it('reports a file that is not there', async () => {
    const read = await readTrailFile(join(ROOT, 'missing.json.gz'));
    expect(read.status === 'error' && read.error.code).toBe('FILE_NOT_FOUND');
  });
});

describe('pre-filter', () => {
  it.each([
    ['the role is in the file', FILE_1005, [SEED_ROLE], 'text'],
    ['the role is not in the file', PLAIN_0602, [SEED_ROLE], 'no-match'],
    ['a role with a path is not a role without one', FILE_1010, [BATCH_ROLE], 'no-match'],
    [
      'one of several roles is in the file',
      PLAIN_0602,
      [SEED_ROLE, 'arn:aws:iam::123456789012:role/service/app-task-role'],
      'text',
    ],
    ['the file escapes / as \\/', ESCAPED_0603, [SEED_ROLE], 'text'],
    ['no roles: every file is parsed', PLAIN_0602, [], 'text'],
    [
      'a file that is not CloudTrail is read, to be reported',
      `${ROOT}/not-cloudtrail/policy.json`,
      [SEED_ROLE],
      'text',
    ],
  ])('%s', async (_id, file, roles, status) => {
    expect((await readTrailFile(file, { roles })).status).toBe(status);
  });

  it('looks for the bare ARN, whatever surrounds it', () => {
    const text = (s: string) => Buffer.from(s);
    expect(mayMentionRoles(text(`{"arn" : "${SEED_ROLE}"}`), [SEED_ROLE])).toBe(true);
    expect(mayMentionRoles(text(`{"arn":"${SEED_ROLE.replaceAll('/', '\\/')}"}`), [SEED_ROLE])).toBe(true);
    expect(mayMentionRoles(text(`{"arn":"${BATCH_ROLE}"}`), [SEED_ROLE])).toBe(false);
  });
});
