import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { usageFromS3 } from '../../src/api/usage-aws.js';
import type { UsageOutputJson } from '../../src/reports/usage.js';
import { expandPaths } from '../../src/sources/text-file.read.js';
import { runScopedown } from '../support/run-cli.js';
import { startFaultProxy } from './fault-proxy.js';
import { resetMoto, useMoto } from './moto.js';

const endpoint = useMoto();
const ROLE = 'arn:aws:iam::123456789012:role/MyECSTaskRole';
const FIXTURES = 'test/fixtures/cloudtrail/files';

describe('scopedown usage --cloudtrail s3://bucket/prefix against the emulator', () => {
  beforeAll(async () => {
    await resetMoto(endpoint);
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'trail-bucket' }));
    // The good fixture files, at their AWSLogs keys under a prefix (the truncated one is left out).
    for (const file of await expandPaths([join(FIXTURES, 'AWSLogs')], ['.gz', '.json'])) {
      if (typeof file !== 'string' || file.includes('Yy6Zz7Aa8Bb9Cc0D')) continue;
      await s3.send(
        new PutObjectCommand({
          Bucket: 'trail-bucket',
          Key: `org-trail/${relative(FIXTURES, file)}`,
          Body: readFileSync(file),
        }),
      );
    }
    s3.destroy();
  });

  it('lists the window, reads the objects through the same pipeline, and reports the seed permissions', async () => {
    const run = await runScopedown(
      [
        'usage',
        '--cloudtrail',
        's3://trail-bucket/org-trail',
        '--role',
        ROLE,
        '--since',
        '2025-06-01',
        '--until',
        '2025-06-02',
        '--no-cache',
        '--workers',
        '0',
        '--format',
        'json',
      ],
      process.env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as UsageOutputJson;
    expect(json.source.kind).toBe('s3');
    const perms = json.permissions!.map((p) => `${p.action} ${p.resource}`);
    expect(perms).toEqual(
      expect.arrayContaining([
        's3:GetObject arn:aws:s3:::my-app-data-bucket/data/file.json',
        's3:ListBucket arn:aws:s3:::my-app-data-bucket',
      ]),
    );
  });

  it('streams objects one by one; a re-run with the cache fetches none of them', async () => {
    const proxy = await startFaultProxy(endpoint, []);
    const cache = mkdtempSync(join(tmpdir(), 'scopedown-s3-cache-'));
    const gets = () =>
      [...proxy.seen]
        .filter(([op]) => op.startsWith('GET ') && op.includes('x-id=GetObject'))
        .reduce((n, [, c]) => n + c, 0);
    const previous = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
    try {
      const options = {
        roles: [ROLE],
        since: new Date('2025-06-01T00:00:00Z'),
        until: new Date('2025-06-03T00:00:00Z'),
        cache,
        workers: 0,
      };
      const first = await usageFromS3('s3://trail-bucket/org-trail', options);
      expect(first.awsErrors).toEqual([]);
      expect(first.result.filesFromCache).toBe(0);
      expect(gets()).toBe(first.objects);
      expect(first.objects).toBeGreaterThan(1);

      const again = await usageFromS3('s3://trail-bucket/org-trail', options);
      expect(again.result.filesFromCache).toBe(again.objects);
      expect(gets()).toBe(first.objects); // no object fetched twice
      expect(again.result.roles).toEqual(first.result.roles);
    } finally {
      process.env.AWS_ENDPOINT_URL = previous;
      await proxy.close();
    }
  });

  it('adds up an S3 trail and a local folder given together', async () => {
    const args = ['usage', '--role', ROLE, '--no-cache', '--workers', '0', '--format', 'json'];
    const only = async (...more: string[]) =>
      (JSON.parse((await runScopedown([...args, ...more], process.env)).stdout) as UsageOutputJson).records;
    const s3 = await only('--cloudtrail', 's3://trail-bucket/org-trail');
    const org = await only('--cloudtrail', `${FIXTURES}/org`);
    expect(s3).toBeGreaterThan(0);
    expect(org).toBeGreaterThan(0);
    expect(await only('--cloudtrail', 's3://trail-bucket/org-trail', '--cloudtrail', `${FIXTURES}/org`)).toBe(
      s3 + org,
    );
  });
});
