import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudTrailClient, type CloudTrailClientConfig } from '@aws-sdk/client-cloudtrail';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CloudTrailRecord } from '../../src/model/cloudtrail.js';
import type { AwsCallError } from '../../src/model/errors.js';
import {
  isAwsCallError,
  LOOKUP_EVENTS_PAGE_SIZE,
  type LookupOptions,
  lookupEvents,
} from '../../src/sources/cloudtrail-lookup.read.js';
import { startFaultProxy } from './fault-proxy.js';
import { resetMoto, useMoto } from './moto.js';

/**
 * moto 5.2.1 has no LookupEvents (its CloudTrail backend manages trails only and answers LookupEvents
 * with an HTML 500), so these tests run against a canned LookupEvents endpoint below, with the fault
 * proxy in front of it for throttling and AccessDenied; one test pins what moto itself does.
 */
const moto = useMoto();

const ROLE = 'arn:aws:iam::123456789012:role/service/app-task-role';
const TASK_A = '8f2b6e1c9d4a4b7e9c3d2a1b0f9e8d7c';
const TASK_B = 'a20b735e9bbc41598825b6f0269f6fef';
const SINCE = new Date('2025-06-01T00:00:00Z');
const UNTIL = new Date('2025-06-02T00:00:00Z');

function record(task: string, i: number, eventSource = 'secretsmanager.amazonaws.com'): CloudTrailRecord {
  return {
    eventVersion: '1.09',
    eventID: `${task}-${i}`,
    eventTime: new Date(UNTIL.getTime() - i * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    eventSource,
    eventName: 'GetSecretValue',
    awsRegion: 'us-east-1',
    managementEvent: true,
    userIdentity: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::123456789012:assumed-role/app-task-role/${task}`,
      sessionContext: { sessionIssuer: { type: 'Role', arn: ROLE } },
    },
    requestParameters: { secretId: 'prod/payments/api-key' },
  };
}

interface CannedEvent {
  EventId: string;
  EventName: string;
  Username: string;
  EventSource: string;
  EventTime: number;
  CloudTrailEvent?: string;
}

function event(r: CloudTrailRecord, username: string, text = JSON.stringify(r)): CannedEvent {
  return {
    EventId: r.eventID ?? '',
    EventName: r.eventName,
    Username: username,
    EventSource: r.eventSource,
    EventTime: Date.parse(r.eventTime) / 1000,
    CloudTrailEvent: text,
  };
}

/** A truncated record that carries a session key: never quoted in a message. */
const BROKEN = '{"eventTime":"2025-06-01T10:00:00Z","accessKeyId":"ASIAEXAMPLEKEYID0001",';

// Task A: 120 events (pages of 50, 50, 20). Task B: two good events around one that is not a record.
const byUsername = new Map<string, CannedEvent[]>([
  [TASK_A, Array.from({ length: 120 }, (_, i) => event(record(TASK_A, i), TASK_A))],
  [
    TASK_B,
    [
      event(record(TASK_B, 0), TASK_B),
      event(record(TASK_B, 1), TASK_B, BROKEN),
      event(record(TASK_B, 2, 's3.amazonaws.com'), TASK_B),
    ],
  ],
]);
const allEvents = [...byUsername.values()].flat();

interface SeenRequest {
  at: number;
  target: string;
  body: {
    LookupAttributes?: Array<{ AttributeKey: string; AttributeValue: string }>;
    MaxResults?: number;
    NextToken?: string;
    StartTime?: number;
    EndTime?: number;
  };
}

/** Answers LookupEvents (JSON 1.1) from the events above, paginating with `KEY:OFFSET` tokens. */
async function startCannedLookup(): Promise<{ endpoint: string; seen: SeenRequest[]; server: Server }> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    readJson(req).then(
      (body: SeenRequest['body']) => {
        seen.push({ at: Date.now(), target: String(req.headers['x-amz-target']), body });
        const attr = body.LookupAttributes?.[0];
        const events =
          attr?.AttributeKey === 'Username'
            ? (byUsername.get(attr.AttributeValue) ?? [])
            : attr?.AttributeKey === 'EventSource'
              ? allEvents.filter((e) => e.EventSource === attr.AttributeValue)
              : allEvents;
        const offset = body.NextToken ? Number(body.NextToken.split(':').pop()) : 0;
        const size = body.MaxResults ?? 50;
        const end = offset + size;
        const page = {
          Events: events.slice(offset, end),
          ...(end < events.length ? { NextToken: `${attr?.AttributeValue ?? 'all'}:${end}` } : {}),
        };
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'canned' });
        res.end(JSON.stringify(page));
      },
      (err: unknown) => res.destroy(err instanceof Error ? err : new Error(String(err))),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

function readJson(req: IncomingMessage): Promise<SeenRequest['body']> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(JSON.parse(Buffer.concat(parts).toString('utf8') || '{}')));
    req.on('error', reject);
  });
}

let canned: Awaited<ReturnType<typeof startCannedLookup>>;
const clients: CloudTrailClient[] = [];

function cloudTrail(endpoint: string, extra: Partial<CloudTrailClientConfig> = {}): CloudTrailClient {
  const client = new CloudTrailClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    ...extra,
  });
  clients.push(client);
  return client;
}

async function collect(
  ct: CloudTrailClient,
  opts: LookupOptions,
): Promise<{ records: CloudTrailRecord[]; errors: AwsCallError[]; waits: number[] }> {
  const records: CloudTrailRecord[] = [];
  const errors: AwsCallError[] = [];
  const waits: number[] = [];
  for await (const item of lookupEvents(ct, { ...opts, onWait: (ms) => waits.push(ms) })) {
    if (isAwsCallError(item)) errors.push(item);
    else records.push(item);
  }
  return { records, errors, waits };
}

const attributes = (seen: SeenRequest[]) =>
  seen.map((s) =>
    (s.body.LookupAttributes ?? []).map((a) => `${a.AttributeKey}=${a.AttributeValue}`).join(','),
  );

/** Gaps between consecutive request arrivals; the limiter spaces starts by 500 ms (a little slack for I/O). */
function expectSpaced(seen: SeenRequest[]): void {
  for (let i = 1; i < seen.length; i++) {
    expect((seen[i]?.at ?? 0) - (seen[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(450);
  }
}

beforeAll(async () => {
  canned = await startCannedLookup();
});
afterEach(() => {
  canned.seen.length = 0;
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  canned.server.closeAllConnections();
  await new Promise<void>((resolve) => canned.server.close(() => resolve()));
});

describe('lookupEvents against a canned LookupEvents endpoint', () => {
  it('looks up each session name by Username, follows NextToken, paces requests at 2/s', async () => {
    const { records, errors, waits } = await collect(cloudTrail(canned.endpoint), {
      since: SINCE,
      until: UNTIL,
      sessionNames: [TASK_A, TASK_B, TASK_A],
    });

    expect(canned.seen.map((s) => s.target)).toEqual(Array(4).fill('CloudTrail_20131101.LookupEvents'));
    expect(attributes(canned.seen)).toEqual([
      `Username=${TASK_A}`,
      `Username=${TASK_A}`,
      `Username=${TASK_A}`,
      `Username=${TASK_B}`,
    ]);
    expect(canned.seen.map((s) => s.body.NextToken)).toEqual([
      undefined,
      `${TASK_A}:50`,
      `${TASK_A}:100`,
      undefined,
    ]);
    for (const { body } of canned.seen) {
      expect(body).toMatchObject({
        MaxResults: LOOKUP_EVENTS_PAGE_SIZE,
        StartTime: SINCE.getTime() / 1000,
        EndTime: UNTIL.getTime() / 1000,
      });
    }

    // Records are the parsed CloudTrailEvent strings, in the order LookupEvents returned them.
    expect(records).toHaveLength(122);
    expect(records[0]).toEqual(record(TASK_A, 0));
    expect(records.map((r) => r.eventID).slice(-2)).toEqual([`${TASK_B}-0`, `${TASK_B}-2`]);
    // The broken one is reported by id, without quoting its text (it may hold credentials).
    expect(errors).toEqual([
      {
        service: 'cloudtrail',
        operation: 'LookupEvents',
        awsCode: 'InvalidCloudTrailEvent',
        retryable: false,
        message: `cloudtrail us-east-1 LookupEvents Username=${TASK_B} EventId=${TASK_B}-1: InvalidCloudTrailEvent: CloudTrailEvent: not valid JSON (${BROKEN.length} characters)`,
      },
    ]);
    expect(errors[0]?.message).not.toContain('ASIA');

    expectSpaced(canned.seen);
    // Requests 2 to 4 each wait (unless a round trip alone took 500 ms), never longer than one interval.
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.length).toBeLessThanOrEqual(3);
    for (const ms of waits) expect(ms).toBeGreaterThan(0);
    for (const ms of waits) expect(ms).toBeLessThanOrEqual(500);
  });

  it.each([
    {
      id: 'event sources only: one EventSource lookup each',
      opts: { eventSources: ['s3.amazonaws.com', 'kms.amazonaws.com'] },
      attrs: ['EventSource=s3.amazonaws.com', 'EventSource=kms.amazonaws.com'],
      ids: [`${TASK_B}-2`],
    },
    {
      id: 'session names and sources: Username lookups, sources filtered here',
      opts: { sessionNames: [TASK_B], eventSources: ['s3.amazonaws.com'] },
      attrs: [`Username=${TASK_B}`],
      ids: [`${TASK_B}-2`],
    },
    {
      id: 'neither: one lookup without attributes',
      opts: {},
      attrs: ['', '', ''],
      ids: allEvents.map((e) => e.EventId).filter((id) => id !== `${TASK_B}-1`),
    },
  ])('$id', async ({ opts, attrs, ids }) => {
    const { records } = await collect(cloudTrail(canned.endpoint), opts);
    expect(attributes(canned.seen)).toEqual(attrs);
    expect(canned.seen.every((s) => s.body.StartTime === undefined && s.body.EndTime === undefined)).toBe(
      true,
    );
    expect(records.map((r) => r.eventID)).toEqual(ids);
  });

  it('shares the 2/s limit between lookups running at once on one client', async () => {
    const ct = cloudTrail(canned.endpoint);
    const [a, b] = await Promise.all([
      collect(ct, { sessionNames: [TASK_B] }),
      collect(ct, { sessionNames: [TASK_B] }),
    ]);
    expect(a.records).toHaveLength(2);
    expect(b.records).toHaveLength(2);
    expect(canned.seen).toHaveLength(2);
    expectSpaced(canned.seen);
  });
});

describe('lookupEvents behind the fault proxy', () => {
  it('rides out ThrottlingException: the SDK retries and the lookup completes', async () => {
    const proxy = await startFaultProxy(canned.endpoint, [
      { operation: 'LookupEvents', fault: 'throttle', times: 2 },
    ]);
    try {
      const { records, errors, waits } = await collect(cloudTrail(proxy.endpoint), {
        sessionNames: [TASK_B],
      });
      expect(errors.map((e) => e.awsCode)).toEqual(['InvalidCloudTrailEvent']);
      expect(records).toHaveLength(2);
      expect(proxy.injected.get('LookupEvents')).toBe(2);
      expect(proxy.seen.get('LookupEvents')).toBe(3);
      expect(canned.seen).toHaveLength(1);
      // The SDK's own backoff (random, up to 1 s then 2 s) may already cover the limiter's 500 ms.
      expect(waits.length).toBeLessThanOrEqual(2);
    } finally {
      await proxy.close();
    }
  });

  it('paces every attempt, retries included: with no SDK backoff the limiter alone spaces them', async () => {
    const proxy = await startFaultProxy(canned.endpoint, [
      { operation: 'LookupEvents', fault: 'throttle', times: 2 },
    ]);
    const classified: string[] = [];
    const token = (count: number) => ({ getRetryCount: () => count, getRetryDelay: () => 0 });
    const ct = cloudTrail(proxy.endpoint, {
      retryStrategy: {
        acquireInitialRetryToken: async () => token(0),
        refreshRetryTokenForRetry: async (
          t: ReturnType<typeof token>,
          info: { errorType: string; error?: unknown },
        ) => {
          classified.push(info.errorType);
          if (info.errorType !== 'THROTTLING' || t.getRetryCount() >= 2) throw info.error;
          return token(t.getRetryCount() + 1);
        },
        recordSuccess: () => {},
      },
    });
    try {
      const { records, waits } = await collect(ct, { sessionNames: [TASK_B] });
      expect(records).toHaveLength(2);
      expect(classified).toEqual(['THROTTLING', 'THROTTLING']);
      expect(proxy.seen.get('LookupEvents')).toBe(3);
      // Both retries waited for the limiter: it runs inside the SDK's retry loop.
      expect(waits).toHaveLength(2);
      for (const ms of waits) expect(ms).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });

  it('reports AccessDenied once, unretried, and goes on with the next session', async () => {
    const proxy = await startFaultProxy(canned.endpoint, [
      { operation: 'LookupEvents', fault: 'access-denied', times: 1 },
    ]);
    try {
      const { records, errors } = await collect(cloudTrail(proxy.endpoint), {
        sessionNames: [TASK_A, TASK_B],
      });
      expect(errors[0]).toEqual({
        service: 'cloudtrail',
        operation: 'LookupEvents',
        awsCode: 'AccessDeniedException',
        retryable: false,
        message: `cloudtrail us-east-1 LookupEvents Username=${TASK_A}: AccessDeniedException: User is not authorized to perform this action (scopedown fault proxy)`,
      });
      expect(errors.slice(1).map((e) => e.awsCode)).toEqual(['InvalidCloudTrailEvent']);
      expect(records.map((r) => r.eventID)).toEqual([`${TASK_B}-0`, `${TASK_B}-2`]);
      expect(proxy.seen.get('LookupEvents')).toBe(2);
    } finally {
      await proxy.close();
    }
  });
});

describe('lookupEvents against moto', () => {
  it('moto 5.2.1 does not implement LookupEvents: one AwsCallError, no throw', async () => {
    await resetMoto(moto);
    const { records, errors } = await collect(cloudTrail(moto, { maxAttempts: 1 }), {
      sessionNames: [TASK_A],
    });
    expect(records).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ service: 'cloudtrail', operation: 'LookupEvents' });
    expect(errors[0]?.message).toMatch(new RegExp(`^cloudtrail us-east-1 LookupEvents Username=${TASK_A}: `));
  });
});
