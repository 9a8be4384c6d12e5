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

  it('--athena --print-sql prints the DDL and the query, and calls nothing', async () => {
    const run = await runScopedown([
      'usage',
      '--athena',
      '--print-sql',
      '--athena-create-table',
      's3://my-trail-bucket/prefix/AWSLogs/o-a1b2c3d4e5',
      '--athena-regions',
      'us-east-1,eu-west-1',
      '--role',
      ROLE,
      '--since',
      '2026-11-01',
      '--until',
      '2026-11-20T12:00:00Z',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const [ddl, query] = run.stdout.split(';\n\n');
    expect(ddl).toContain("LOCATION 's3://my-trail-bucket/prefix/AWSLogs/o-a1b2c3d4e5/'");
    expect(ddl).toContain("'projection.region.values' = 'eu-west-1,us-east-1'");
    expect(ddl).toContain(
      "'storage.location.template' = 's3://my-trail-bucket/prefix/AWSLogs/o-a1b2c3d4e5/${account}/CloudTrail/${region}/${timestamp}'",
    );
    expect(query).toContain(`IN ('${ROLE}')`);
    // The day the window ends plus the hour CloudTrail may take to deliver.
    expect(query).toContain(`"timestamp" <= '2026/11/20'`);
    expect(query).toContain(`"account" IN ('123456789012')`);
  });

  it('bad usage of --athena options', async () => {
    const athena = ['usage', '--athena', '--print-sql', '--since', '2026-11-01'];
    for (const args of [
      ['usage', '--cloudtrail', TRAIL, '--athena-table', 'db.t'],
      [...athena, '--athena-create-table', 's3://bucket/prefix'],
      [...athena, '--role', ROLE, '--athena-table', 'db.t; DROP TABLE x'],
      [...athena, '--role', ROLE, '--athena-output', 'results/'],
      [...athena, '--role', ROLE, '--athena-create-table', 's3://b/p', '--athena-accounts', '12345'],
    ]) {
      const run = await runScopedown(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it("--tasks: the role's usage per task definition revision, and --by task per task", async () => {
    const args = [
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
    ];
    const tasks = ['--tasks', 'test/fixtures/ecs-tasks/describe-tasks.json'];
    const perRevision = JSON.parse((await runScopedown([...args, ...tasks])).stdout) as UsageOutputJson;
    const rev = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/my-app-task:${n}`;
    expect(perRevision.revisions!.map((r) => [r.taskDefinition, r.tasks, r.records, r.denied])).toEqual([
      [rev(3), ['5f1c0e2d9b8a4c7d8e6f5a4b3c2d1e0f'], 1, 0],
      [rev(4), ['a20b735e9bbc41598825b6f0269f6fef'], 4, 1],
    ]);
    expect(perRevision.revisions![0]!.permissions.map((p) => p.action)).toEqual(['s3:ListBucket']);
    // The whole is what it is without task data.
    const plain = JSON.parse((await runScopedown(args)).stdout) as UsageOutputJson;
    expect(perRevision.permissions).toEqual(plain.permissions);

    const perTask = JSON.parse(
      (await runScopedown([...args, ...tasks, '--by', 'task'])).stdout,
    ) as UsageOutputJson;
    expect(perTask.tasks!.map((t) => [t.taskId, t.taskDefinition, t.records])).toEqual([
      ['5f1c0e2d9b8a4c7d8e6f5a4b3c2d1e0f', rev(3), 1],
      ['a20b735e9bbc41598825b6f0269f6fef', rev(4), 4],
    ]);
    expect(perTask.revisions).toBeUndefined();
  });

  it('bad usage of --by and --tasks', async () => {
    for (const args of [
      ['usage', '--cloudtrail', TRAIL, '--by', 'revision'],
      ['usage', '--athena', '--print-sql', '--role', ROLE, '--since', '2026-11-01', '--by', 'revision'],
      ['usage', '--cloudtrail', TRAIL, '--by', 'family'],
    ]) {
      const run = await runScopedown(args);
      expect(run.code, args.join(' ')).toBe(2);
    }
  });
});
