import { describe, expect, it } from 'vitest';
import type { CloudTrailRecord, EventMapping } from '../../model/cloudtrail.js';
import {
  EventIdSet,
  type EventMapper,
  hashEventId,
  isDeniedErrorCode,
  trailTime,
  UsageAggregate,
  type UsageFilter,
} from './aggregate.js';

const ROLE_A = 'arn:aws:iam::111122223333:role/service/app-task-role';
const ROLE_B = 'arn:aws:iam::111122223333:role/other-role';

/** A stand-in for the event map: `eventSource:eventName` on the first resource's ARN. */
const map: EventMapper = (r): EventMapping => {
  if (r.eventName === 'GetCallerIdentity') return { kind: 'none' };
  if (r.eventName === 'Mystery') return { kind: 'unmapped', reason: 'no mapping' };
  if (r.eventName === 'Boom') throw new Error('bug');
  const action = `${r.eventSource.split('.')[0]}:${r.eventName}`;
  return { kind: 'mapped', permissions: [{ action, resource: r.resources?.[0]?.ARN ?? '*' }] };
};

let ids = 0;
function rec(role: string, over: Partial<CloudTrailRecord> & { task?: string } = {}): CloudTrailRecord {
  const { task = 'task1', ...rest } = over;
  const name = role.slice(role.lastIndexOf('/') + 1);
  return {
    eventTime: '2025-06-01T10:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    eventID: `id-${ids++}`,
    userIdentity: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::111122223333:assumed-role/${name}/${task}`,
      sessionContext: { sessionIssuer: { type: 'Role', arn: role } },
    },
    resources: [{ ARN: 'arn:aws:s3:::b/k' }],
    managementEvent: false,
    eventCategory: 'Data',
    ...rest,
  };
}

function aggregate(records: unknown[], filter: UsageFilter = { roles: [] }): UsageAggregate {
  const a = new UsageAggregate(filter);
  a.addRecords(records, map);
  return a;
}

describe('UsageAggregate', () => {
  it('counts per role, action and resource, with first and last seen', () => {
    const a = aggregate([
      rec(ROLE_A, { eventTime: '2025-06-01T10:05:00Z' }),
      rec(ROLE_A, { eventTime: '2025-06-01T09:00:00Z', task: 'task2' }),
      rec(ROLE_A, { eventName: 'PutObject', resources: [{ ARN: 'arn:aws:s3:::b/out' }] }),
      rec(ROLE_B),
    ]);
    expect(a.summary(ROLE_A)).toMatchObject({
      records: 3,
      firstSeen: '2025-06-01T09:00:00Z',
      lastSeen: '2025-06-01T10:05:00Z',
      permissions: [
        {
          action: 's3:GetObject',
          resource: 'arn:aws:s3:::b/k',
          count: 2,
          denied: 0,
          firstSeen: '2025-06-01T09:00:00Z',
          lastSeen: '2025-06-01T10:05:00Z',
        },
        { action: 's3:PutObject', resource: 'arn:aws:s3:::b/out', count: 1 },
      ],
      sessions: ['task1', 'task2'],
    });
    expect(a.summaries().map((s) => [s.role, s.records])).toEqual([
      [ROLE_B, 1],
      [ROLE_A, 3],
    ]);
  });

  it.each([
    ['AccessDenied', true],
    ['AccessDeniedException', true],
    ['Client.UnauthorizedOperation', true],
    ['AuthorizationError', true],
    ['NoSuchKey', false],
    ['ThrottlingException', false],
    [undefined, false],
  ])('errorCode %s is denied: %s', (code, denied) => {
    expect(isDeniedErrorCode(code)).toBe(denied);
    const a = aggregate([rec(ROLE_A, code ? { errorCode: code } : {})]);
    expect(a.summary(ROLE_A)?.permissions[0]).toMatchObject({ count: 1, denied: denied ? 1 : 0 });
    expect(a.summary(ROLE_A)?.denied).toBe(denied ? 1 : 0);
  });

  it('counts management and data events per service', () => {
    const a = aggregate([
      rec(ROLE_A),
      rec(ROLE_A, { eventCategory: undefined }), // managementEvent: false alone says data
      rec(ROLE_A, {
        eventSource: 'kms.amazonaws.com',
        eventName: 'Decrypt',
        managementEvent: true,
        eventCategory: 'Management',
      }),
      rec(ROLE_A, {
        eventSource: 's3.amazonaws.com',
        eventName: 'ListBuckets',
        managementEvent: true,
        eventCategory: 'Management',
      }),
    ]);
    expect(a.summary(ROLE_A)?.services).toEqual([
      { eventSource: 'kms.amazonaws.com', management: 1, data: 0 },
      { eventSource: 's3.amazonaws.com', management: 1, data: 2 },
    ]);
  });

  it('lists unmapped events and events needing no permission apart', () => {
    const a = aggregate([
      rec(ROLE_A, { eventName: 'Mystery' }),
      rec(ROLE_A, { eventName: 'Mystery' }),
      rec(ROLE_A, { eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity' }),
      rec(ROLE_A, { eventName: 'Boom' }),
    ]);
    const s = a.summary(ROLE_A)!;
    expect(s.permissions).toEqual([]);
    expect(s.noPermission).toBe(1);
    expect(s.unmapped).toEqual([
      { eventSource: 's3.amazonaws.com', eventName: 'Boom', count: 1, reason: 'event mapping failed: bug' },
      { eventSource: 's3.amazonaws.com', eventName: 'Mystery', count: 2, reason: 'no mapping' },
    ]);
    expect(a.mappingErrors).toBe(1);
  });

  it('skips records it cannot attribute, counting why', () => {
    const a = aggregate(
      [
        null,
        'text',
        { eventTime: '2025-06-01T10:00:00Z', eventSource: 'health.amazonaws.com', eventName: 'X' },
        rec(ROLE_A, { userIdentity: { type: 'AWSService', invokedBy: 'ecs-tasks.amazonaws.com' } }),
        rec(ROLE_A, { eventTime: undefined as unknown as string }),
        rec(ROLE_B),
        rec(ROLE_A),
      ],
      { roles: [ROLE_A] },
    );
    expect(a.skipped).toEqual({
      noIdentity: 1,
      noSessionIssuer: 1,
      malformed: 3,
      otherRoles: 1,
      outsideWindow: 0,
      duplicates: 0,
    });
    expect(a.recordsRead).toBe(7);
    expect(a.records).toBe(1);
    expect(a.summaries().map((r) => r.role)).toEqual([ROLE_A]);
  });

  it('keeps a role asked for even without records', () => {
    expect(aggregate([], { roles: [ROLE_B] }).summary(ROLE_B)).toMatchObject({ records: 0, firstSeen: null });
  });

  it('matches roles on the exact issuer ARN, IAM path included', () => {
    const noPath = 'arn:aws:iam::111122223333:role/app-task-role';
    expect(aggregate([rec(ROLE_A)], { roles: [noPath] }).records).toBe(0);
  });

  it('counts only records inside the window', () => {
    const a = aggregate(
      [
        rec(ROLE_A, { eventTime: '2025-06-01T09:59:59Z' }),
        rec(ROLE_A, { eventTime: '2025-06-01T10:00:00Z' }),
        rec(ROLE_A, { eventTime: '2025-06-01T11:00:00Z' }),
        rec(ROLE_A, { eventTime: '2025-06-01T11:00:01Z' }),
      ],
      { roles: [], since: new Date('2025-06-01T10:00:00Z'), until: new Date('2025-06-01T11:00:00.500Z') },
    );
    expect(a.records).toBe(2);
    expect(a.skipped.outsideWindow).toBe(2);
    expect([a.matchedFrom, a.matchedTo]).toEqual(['2025-06-01T09:59:59Z', '2025-06-01T11:00:01Z']);
  });

  it('drops a duplicated eventID within a file, when merged or given the IDs seen', () => {
    const r = rec(ROLE_A);
    const records = [r, { ...r }, rec(ROLE_A, { eventID: undefined }), rec(ROLE_A, { eventID: undefined })];
    // Counted as read: a file's partial keeps each eventID for the merge.
    expect(aggregate(records).records).toBe(4);
    const merged = new UsageAggregate({ roles: [] }).merge(aggregate(records), new EventIdSet());
    expect([merged.records, merged.skipped.duplicates]).toEqual([3, 1]);
    const direct = new UsageAggregate({ roles: [] });
    direct.addRecords(records, map, new EventIdSet());
    expect([direct.records, direct.skipped.duplicates]).toEqual([3, 1]);
    expect(direct.summaries()).toEqual(merged.summaries());
  });

  it('drops a record delivered again in another file when merging', () => {
    const dup = rec(ROLE_A, { errorCode: 'AccessDenied', eventName: 'PutObject' });
    const file1 = aggregate([dup, rec(ROLE_A)]);
    const file2 = aggregate([
      { ...dup },
      rec(ROLE_A, { eventSource: 'kms.amazonaws.com', eventName: 'Decrypt' }),
    ]);
    const seen = new EventIdSet();
    const total = new UsageAggregate({ roles: [] }).merge(file1, seen).merge(file2, seen);
    const s = total.summary(ROLE_A)!;
    expect(s.records).toBe(3);
    expect(s.denied).toBe(1);
    expect(s.permissions.map((p) => [p.action, p.count, p.denied])).toEqual([
      ['kms:Decrypt', 1, 0],
      ['s3:GetObject', 1, 0],
      ['s3:PutObject', 1, 1],
    ]);
    expect(s.services).toEqual([
      { eventSource: 'kms.amazonaws.com', management: 0, data: 1 },
      { eventSource: 's3.amazonaws.com', management: 0, data: 2 },
    ]);
    expect(total.skipped.duplicates).toBe(1);
  });

  it('merges in any order and grouping to the same counts', () => {
    const dup = rec(ROLE_B);
    const files = [
      () => aggregate([dup, rec(ROLE_A)]),
      () => aggregate([{ ...dup }, rec(ROLE_B, { task: 't9' })]),
      () => aggregate([{ ...dup }, rec(ROLE_A, { eventName: 'Mystery' })]),
    ];
    const direct = (order: number[]) => {
      const seen = new EventIdSet();
      const total = new UsageAggregate({ roles: [] });
      for (const i of order) total.merge(files[i]!(), seen);
      return total;
    };
    // Two workers' partials merged without a seen set first, then into the total.
    const grouped = () => {
      const w1 = files[0]!().merge(files[2]!());
      const total = new UsageAggregate({ roles: [] });
      const seen = new EventIdSet();
      return total.merge(w1, seen).merge(files[1]!(), seen);
    };
    const expected = direct([0, 1, 2]).summaries();
    expect(direct([2, 1, 0]).summaries()).toEqual(expected);
    expect(grouped().summaries()).toEqual(expected);
    expect(direct([1, 0, 2]).skipped.duplicates).toBe(2);
    expect(expected.map((s) => [s.role, s.records])).toEqual([
      [ROLE_B, 2],
      [ROLE_A, 2],
    ]);
  });

  it('survives the transfer form unchanged, dedupe included', () => {
    const dup = rec(ROLE_A, { errorCode: 'AccessDenied' });
    const filter = { roles: [ROLE_A, ROLE_B], since: new Date('2025-01-01T00:00:00Z') };
    const a = new UsageAggregate(filter);
    a.addRecords(
      [
        dup,
        rec(ROLE_A, { eventName: 'Mystery' }),
        rec(ROLE_A, { eventName: 'GetCallerIdentity' }),
        rec(ROLE_B),
      ],
      map,
    );
    const back = UsageAggregate.fromTransfer(a.toTransfer(), filter);
    expect(back.summaries()).toEqual(a.summaries());
    expect([back.recordsRead, back.skipped, back.matchedFrom, back.matchedTo]).toEqual([
      a.recordsRead,
      a.skipped,
      a.matchedFrom,
      a.matchedTo,
    ]);
    const again = new UsageAggregate(filter);
    again.addRecords([{ ...dup }], map);
    const seen = new EventIdSet();
    const total = new UsageAggregate(filter)
      .merge(back, seen)
      .merge(UsageAggregate.fromTransfer(again.toTransfer(), filter), seen);
    expect(total.summary(ROLE_A)).toEqual(a.summary(ROLE_A));
  });

  it('rejects a damaged transfer', () => {
    const t = aggregate([rec(ROLE_A)]).toTransfer();
    expect(() =>
      UsageAggregate.fromTransfer({ ...t, numbers: t.numbers.slice(0, 5) }, { roles: [] }),
    ).toThrow(/truncated/);
  });
});

describe('helpers', () => {
  it('hashes event IDs to distinct 52-bit integers', () => {
    const hashes = new EventIdSet();
    let outOfRange = 0;
    for (let i = 0; i < 100_000; i++) {
      const h = hashEventId(`0f1e2d3c-4b5a-6978-8a9b-${i.toString(16).padStart(12, '0')}`);
      if (!Number.isSafeInteger(h) || h < 0 || h >= 2 ** 52) outOfRange++;
      hashes.add(h);
    }
    expect(outOfRange).toBe(0);
    expect(hashes.size).toBe(100_000);
  });

  it('keeps 52-bit hashes in a set that grows', () => {
    const set = new EventIdSet();
    const hashes = Array.from({ length: 20_000 }, (_, i) => hashEventId(`id-${i}`));
    expect(hashes.every((h) => set.add(h))).toBe(true);
    expect(hashes.every((h) => !set.add(h) && set.has(h))).toBe(true);
    expect(set.size).toBe(20_000);
    expect(set.has(hashEventId('id-20000'))).toBe(false);
    expect([set.add(0), set.has(0), set.add(0), set.has(2 ** 52 - 1)]).toEqual([true, true, false, false]);
  });

  it.each([
    ['2025-06-01T10:00:00Z', '2025-06-01T10:00:00Z'],
    ['2025-06-01T10:00:00.999Z', '2025-06-01T10:00:00Z'],
    ['2025-06-01T12:00:00+02:00', '2025-06-01T10:00:00Z'],
    ['yesterday', undefined],
  ])('trailTime(%s)', (input, output) => {
    expect(trailTime(input)).toBe(output);
  });
});

describe('UsageAggregate views', () => {
  const TD3 = 'arn:aws:ecs:us-east-1:111122223333:task-definition/app:3';
  const TD4 = 'arn:aws:ecs:us-east-1:111122223333:task-definition/app:4';
  const records = [
    rec(ROLE_A, { task: 't1', eventTime: '2025-06-01T10:00:00Z' }),
    rec(ROLE_A, { task: 't2', eventTime: '2025-06-01T11:00:00Z' }),
    rec(ROLE_A, { task: 't3', eventName: 'PutObject', errorCode: 'AccessDenied' }),
    rec(ROLE_A, { task: 'unknown-task', eventName: 'DeleteObject' }),
    rec(ROLE_B, { task: 't1' }),
  ];
  const tasks = { t1: TD3, t2: TD3, t3: TD4 };

  it('per revision: each part as the whole, the whole unchanged', () => {
    const plain = aggregate(records).summary(ROLE_A)!;
    const split = aggregate(records, { roles: [], view: { by: 'revision', tasks } }).summary(ROLE_A)!;
    const { parts, ...whole } = split;
    expect(whole).toEqual(plain);
    expect(parts!.map((p) => [p.part, p.records, p.denied, p.sessions])).toEqual([
      ['', 1, 0, ['unknown-task']],
      [TD3, 2, 0, ['t1', 't2']],
      [TD4, 1, 1, ['t3']],
    ]);
    expect(parts![1]!.permissions).toEqual([
      {
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::b/k',
        count: 2,
        denied: 0,
        firstSeen: '2025-06-01T10:00:00Z',
        lastSeen: '2025-06-01T11:00:00Z',
      },
    ]);
    expect(parts![2]!.permissions.map((p) => p.action)).toEqual(['s3:PutObject']);
  });

  it('per task, and through the transfer form (worker threads, the cache)', () => {
    const filter: UsageFilter = { roles: [], view: { by: 'task' } };
    const direct = aggregate(records, filter);
    const moved = new UsageAggregate(filter).mergeTransfer(direct.toTransfer(), new EventIdSet());
    expect(moved.summaries()).toEqual(direct.summaries());
    expect(direct.summary(ROLE_A)!.parts!.map((p) => p.part)).toEqual(['t1', 't2', 't3', 'unknown-task']);
    expect(direct.summaries().map((s) => s.role)).toEqual([ROLE_B, ROLE_A].sort());
  });

  it('a role asked for with no records is listed once, without parts', () => {
    const a = aggregate([], { roles: [ROLE_A], view: { by: 'revision', tasks } });
    expect(a.summaries()).toHaveLength(1);
    expect(a.summary(ROLE_A)!.parts).toEqual([]);
  });
});
