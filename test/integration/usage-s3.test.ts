import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { UsageOutputJson } from '../../src/reports/usage.js';
import { expandPaths } from '../../src/sources/text-file.read.js';
import { runScopedown } from '../support/run-cli.js';
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
});
