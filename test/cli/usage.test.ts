import { describe, expect, it } from 'vitest';
import type { UsageOutputJson } from '../../src/reports/usage.js';
import { runScopedown } from '../support/run-cli.js';

const TRAIL = 'test/fixtures/cloudtrail/files/AWSLogs';
const ROLE = 'arn:aws:iam::123456789012:role/MyECSTaskRole';

describe('scopedown usage', () => {
  it('the seed: GetObject, HeadObject and ListObjectsV2 → s3:GetObject on the objects and s3:ListBucket on the bucket', async () => {
    const run = await runScopedown([
      'usage',
      '--cloudtrail',
      TRAIL,
      '--role',
      ROLE,
      '--no-cache',
      '--workers',
      '0',
      '--format',
      'json',
    ]);
    const json = JSON.parse(run.stdout) as UsageOutputJson;
    expect(json.role).toBe(ROLE);
    const perms = json.permissions!.map((p) => `${p.action} ${p.resource}`);
    expect(perms).toEqual(
      expect.arrayContaining([
        's3:GetObject arn:aws:s3:::my-app-data-bucket/data/file.json',
        's3:ListBucket arn:aws:s3:::my-app-data-bucket',
      ]),
    );
    expect(perms.every((p) => !p.startsWith('s3:HeadObject') && !p.startsWith('s3:ListObjects'))).toBe(true);
    const put = json.permissions!.find((p) => p.action === 's3:PutObject');
    expect(put?.denied).toBe(1);
  });

  it('a truncated gzip file is named on stderr, the rest is still read, exit 2', async () => {
    const run = await runScopedown([
      'usage',
      '--cloudtrail',
      TRAIL,
      '--role',
      ROLE,
      '--no-cache',
      '--workers',
      '0',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\.json\.gz: truncated gzip file/);
    expect(run.stdout).toContain('s3:ListBucket');
  });

  it('bad usage: no source, a bad date, a role that is not a role ARN', async () => {
    expect((await runScopedown(['usage', '--role', ROLE])).code).toBe(2);
    expect((await runScopedown(['usage', '--cloudtrail', TRAIL, '--since', 'yesterday'])).code).toBe(2);
    expect((await runScopedown(['usage', '--cloudtrail', TRAIL, '--role', 'MyECSTaskRole'])).code).toBe(2);
  });
});
