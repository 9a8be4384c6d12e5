import { gunzipSync, gzipSync } from 'node:zlib';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AwsCallError } from '../../src/model/errors.js';
import {
  isAwsCallError,
  listTrailObjects,
  readTrailObject,
  type S3TrailWindow,
  type TrailObject,
} from '../../src/sources/cloudtrail-s3.read.js';
import { resetMoto, useMoto } from './moto.js';

const endpoint = useMoto();
const BUCKET = 'scopedown-trail';
const URL = `s3://${BUCKET}/logs`;
const A = '111111111111';
const B = '222222222222';
const ORG_MEMBER = '333333333333';
const DAYS = ['01', '02', '03', '04', '05'].map((d) => `2025-06-${d}`);
const TIMES = ['0010', '1200', '2350'];

/** A seeded log file: where it is and when it was delivered. */
interface Seeded {
  key: string;
  account: string;
  region: string;
  delivered: Date;
  body: Buffer;
}

const seeded: Seeded[] = [];
const clients: S3Client[] = [];

function s3(): S3Client {
  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  clients.push(client);
  return client;
}

function trailFile(root: string, account: string, region: string, day: string, time: string): Seeded {
  const [y, m, d] = day.split('-');
  const stamp = `${y}${m}${d}T${time}Z`;
  const delivered = new Date(`${day}T${time.slice(0, 2)}:${time.slice(2)}:00Z`);
  const record = {
    eventTime: new Date(delivered.getTime() - 5 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    eventSource: 'sts.amazonaws.com',
    eventName: 'GetCallerIdentity',
    awsRegion: region,
    recipientAccountId: account,
  };
  return {
    key: `${root}${account}/CloudTrail/${region}/${y}/${m}/${d}/${account}_CloudTrail_${region}_${stamp}_Ab12Cd34Ef56Gh78.json.gz`,
    account,
    region,
    delivered,
    body: gzipSync(JSON.stringify({ Records: [record] })),
  };
}

/**
 * Two accounts in two regions, an organization trail's member account in one region, five days with
 * three deliveries each; plus a digest file, a stray object in a day folder and an object outside AWSLogs/.
 */
async function seed(): Promise<void> {
  const client = s3();
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const layouts: Array<[string, string, string[]]> = [
    ['logs/AWSLogs/', A, ['us-east-1', 'eu-west-1']],
    ['logs/AWSLogs/', B, ['us-east-1', 'eu-west-1']],
    ['logs/AWSLogs/o-abc123/', ORG_MEMBER, ['us-east-1']],
  ];
  for (const [root, account, regions] of layouts) {
    for (const region of regions) {
      for (const day of DAYS)
        for (const time of TIMES) seeded.push(trailFile(root, account, region, day, time));
    }
  }
  const others: Array<[string, Buffer]> = [
    [
      `logs/AWSLogs/${A}/CloudTrail-Digest/us-east-1/2025/06/02/${A}_CloudTrail-Digest_us-east-1_main_us-east-1_20250602T1300Z.json.gz`,
      gzipSync('{}'),
    ],
    [`logs/AWSLogs/${A}/CloudTrail/us-east-1/2025/06/02/README.txt`, Buffer.from('not a log file')],
    ['logs/other/2025/06/02/x.json.gz', gzipSync('{}')],
  ];
  const puts = [...seeded.map((s): [string, Buffer] => [s.key, s.body]), ...others];
  // A few at a time: moto answers quickly, one by one would take a few seconds.
  for (let i = 0; i < puts.length; i += 10) {
    await Promise.all(
      puts
        .slice(i, i + 10)
        .map(([Key, Body]) => client.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }))),
    );
  }
}

/** Records the Prefix of every ListObjectsV2 call (once per call, not per retry); can shrink the pages. */
function countListCalls(client: S3Client, maxKeys?: number): string[] {
  const prefixes: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'ListObjectsV2Command') {
        const input = args.input as { Prefix?: string; MaxKeys?: number };
        prefixes.push(input.Prefix ?? '');
        if (maxKeys) input.MaxKeys = maxKeys;
      }
      return next(args);
    },
    { step: 'initialize', name: 'countListCalls' },
  );
  return prefixes;
}

async function collect(
  client: S3Client,
  window: S3TrailWindow,
  url = URL,
): Promise<{ objects: TrailObject[]; errors: AwsCallError[] }> {
  const objects: TrailObject[] = [];
  const errors: AwsCallError[] = [];
  for await (const item of listTrailObjects(client, url, window)) {
    if (isAwsCallError(item)) errors.push(item);
    else objects.push(item);
  }
  return { objects, errors };
}

function expectedKeys(pick: (s: Seeded) => boolean): string[] {
  return seeded
    .filter(pick)
    .map((s) => s.key)
    .sort();
}

const keys = (objects: TrailObject[]) => objects.map((o) => o.key).sort();
const dayOf = (prefix: string) => /(\d{4}\/\d{2}\/\d{2})\/$/.exec(prefix)?.[1];

// Records from 2025-06-02 12:00 to 2025-06-03 23:30: files delivered from 06-02 12:00 to 06-04 00:30.
const WINDOW: S3TrailWindow = {
  since: new Date('2025-06-02T12:00:00Z'),
  until: new Date('2025-06-03T23:30:00Z'),
};
const inWindow = (s: Seeded) =>
  s.delivered >= new Date('2025-06-02T12:00:00Z') && s.delivered <= new Date('2025-06-04T00:30:00Z');

beforeAll(async () => {
  await resetMoto(endpoint);
  await seed();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

describe('listTrailObjects against moto', () => {
  it('lists exactly the files of the window, listing only the day prefixes it needs', async () => {
    const client = s3();
    const calls = countListCalls(client);
    const { objects, errors } = await collect(client, WINDOW);

    expect(errors).toEqual([]);
    expect(keys(objects)).toEqual(expectedKeys(inWindow));
    expect(objects).toHaveLength(5 * 6); // 5 account-regions × (2 on 06-02, 3 on 06-03, 1 on 06-04)
    const first = seeded.find((s) => s.key === objects[0]?.key);
    expect(objects[0]).toMatchObject({
      bucket: BUCKET,
      size: first?.body.length,
      etag: expect.stringMatching(/^"/),
    });
    expect(objects[0]?.lastModified).toBeInstanceOf(Date);

    // Discovery (AWSLogs/, the organization, each account's CloudTrail/), then 3 days × 5 account-regions.
    expect(calls.slice(0, 2)).toEqual(['logs/AWSLogs/', 'logs/AWSLogs/o-abc123/']);
    expect(calls).toHaveLength(2 + 3 + 15);
    expect(new Set(calls).size).toBe(calls.length);
    expect(calls.filter((p) => p.endsWith('/CloudTrail/')).sort()).toEqual(
      [
        `logs/AWSLogs/${A}/CloudTrail/`,
        `logs/AWSLogs/${B}/CloudTrail/`,
        `logs/AWSLogs/o-abc123/${ORG_MEMBER}/CloudTrail/`,
      ].sort(),
    );
    const days = calls.map(dayOf).filter((d) => d !== undefined);
    expect(new Set(days)).toEqual(new Set(['2025/06/02', '2025/06/03', '2025/06/04']));
    expect(calls.some((p) => p.includes('Digest') || p.includes('/other/'))).toBe(false);
  });

  it('follows continuation tokens through every listing', async () => {
    const client = s3();
    const calls = countListCalls(client, 2);
    const { objects, errors } = await collect(client, WINDOW);

    expect(errors).toEqual([]);
    expect(keys(objects)).toEqual(expectedKeys(inWindow));
    // AWSLogs/ has 3 children and each day 3 files (one day 4): two pages each; the rest fit in one.
    expect(calls.filter((p) => p === 'logs/AWSLogs/')).toHaveLength(2);
    expect(calls.filter((p) => dayOf(p))).toHaveLength(15 * 2);
    expect(calls).toHaveLength(2 + 1 + 3 + 30);
  });

  it('reads only the accounts and regions asked for', async () => {
    const client = s3();
    const calls = countListCalls(client);
    const { objects, errors } = await collect(client, {
      ...WINDOW,
      accounts: [B, ORG_MEMBER],
      regions: ['eu-west-1'],
    });

    expect(errors).toEqual([]);
    expect(keys(objects)).toEqual(
      expectedKeys((s) => inWindow(s) && s.account === B && s.region === 'eu-west-1'),
    );
    expect(calls.sort()).toEqual(
      [
        'logs/AWSLogs/',
        'logs/AWSLogs/o-abc123/',
        `logs/AWSLogs/${B}/CloudTrail/`,
        `logs/AWSLogs/o-abc123/${ORG_MEMBER}/CloudTrail/`,
        ...['02', '03', '04'].map((d) => `logs/AWSLogs/${B}/CloudTrail/eu-west-1/2025/06/${d}/`),
      ].sort(),
    );
  });

  it('walks year, month and day folders when a bound is open', async () => {
    const client = s3();
    const calls = countListCalls(client);
    const since = new Date('2025-06-04T00:00:00Z');
    const { objects, errors } = await collect(client, { since, accounts: [A], regions: ['us-east-1'] });

    expect(errors).toEqual([]);
    expect(keys(objects)).toEqual(
      expectedKeys((s) => s.account === A && s.region === 'us-east-1' && s.delivered >= since),
    );
    const region = `logs/AWSLogs/${A}/CloudTrail/us-east-1/`;
    expect(calls.filter((p) => p.startsWith(region))).toEqual([
      region,
      `${region}2025/`,
      `${region}2025/06/`,
      `${region}2025/06/04/`,
      `${region}2025/06/05/`,
    ]);

    const all = await collect(s3(), {});
    expect(all.errors).toEqual([]);
    expect(keys(all.objects)).toEqual(expectedKeys(() => true)); // no digest, no stray object
  });

  it('reports a listing that fails and still lists the other prefixes', async () => {
    const client = s3();
    const failing = `logs/AWSLogs/${B}/CloudTrail/eu-west-1/2025/06/03/`;
    client.middlewareStack.add(
      (next) => async (args) => {
        if ((args.input as { Prefix?: string }).Prefix === failing) {
          throw Object.assign(new Error('Access Denied'), {
            name: 'AccessDenied',
            $metadata: { httpStatusCode: 403 },
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'denyOnePrefix' },
    );
    const { objects, errors } = await collect(client, WINDOW);

    expect(errors).toEqual([
      {
        service: 's3',
        operation: 'ListObjectsV2',
        awsCode: 'AccessDenied',
        retryable: false,
        message: `s3 ListObjectsV2 s3://${BUCKET}/${failing}: AccessDenied: Access Denied`,
      },
    ]);
    expect(objects).toHaveLength(30 - 3);
  });

  it.each([
    ['a missing bucket', 's3://scopedown-no-such-bucket/logs', 'NoSuchBucket'],
    ['a URL that is not s3://', 'https://example.com/logs', 'InvalidS3Url'],
  ])('ends with one error for %s', async (_id, url, awsCode) => {
    const { objects, errors } = await collect(s3(), WINDOW, url);
    expect(objects).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ service: 's3', operation: 'ListObjectsV2', awsCode, retryable: false });
    expect(errors[0]?.message).not.toMatch(/testing|\n/);
  });
});

describe('readTrailObject against moto', () => {
  it('returns the stored bytes, gzip as stored', async () => {
    const client = s3();
    const listed = await collect(client, { ...WINDOW, accounts: [A], regions: ['us-east-1'] });
    const obj = listed.objects[0] as TrailObject;
    const bytes = await readTrailObject(client, obj);

    expect(bytes).toBeInstanceOf(Uint8Array);
    const want = seeded.find((s) => s.key === obj.key)?.body;
    expect(Buffer.from(bytes as Uint8Array).equals(want as Buffer)).toBe(true);
    expect(JSON.parse(gunzipSync(bytes as Uint8Array).toString('utf8')).Records).toHaveLength(1);
  });

  it('turns a missing object into an AwsCallError', async () => {
    const obj: TrailObject = {
      bucket: BUCKET,
      key: 'logs/AWSLogs/gone.json.gz',
      size: 0,
      etag: '',
      lastModified: new Date(0),
    };
    const out = await readTrailObject(s3(), obj);
    expect(out).toMatchObject({
      service: 's3',
      operation: 'GetObject',
      awsCode: 'NoSuchKey',
      retryable: false,
    });
    expect(isAwsCallError(out) && out.message).toMatch(
      `s3 GetObject s3://${BUCKET}/logs/AWSLogs/gone.json.gz: NoSuchKey`,
    );
  });
});
