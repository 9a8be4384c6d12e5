/**
 * The usage query, run by DuckDB on the fixture trail as Athena would run it, then fed to the
 * aggregate: it must give what reading the same records locally gives, role by role.
 */
import { describe, expect, it } from 'vitest';
import { queryTrail } from '../../../../test/support/duckdb-trail.js';
import { fixtureRecords } from '../../../../test/support/fixture-records.js';
import { loadCatalog } from '../../../catalog/index.js';
import type { CloudTrailRecord } from '../../../model/cloudtrail.js';
import { trailTime, UsageAggregate, type UsageFilter } from '../aggregate.js';
import { BASE, fallbackSamples, record, rowRecords, rows } from '../event-map/examples.js';
import { mapEvent } from '../event-map/index.js';
import { ATHENA, DUCKDB } from './dialect.js';
import { usageQuery } from './query.js';
import { addResultRow } from './rows.js';

const catalog = loadCatalog();
const map = (r: CloudTrailRecord) => mapEvent(r, catalog);

function local(records: readonly unknown[], filter: UsageFilter): UsageAggregate {
  const aggregate = new UsageAggregate(filter);
  aggregate.addRecords(records, map, new Set());
  return aggregate;
}

async function viaSql(records: readonly unknown[], filter: UsageFilter): Promise<UsageAggregate> {
  const sql = usageQuery(
    {
      table: 'db.trail',
      roles: filter.roles,
      ...(filter.view ? { bySession: true } : {}),
      ...(filter.since ? { since: trailTime(filter.since) } : {}),
      ...(filter.until ? { until: trailTime(filter.until) } : {}),
    },
    DUCKDB,
  );
  const aggregate = new UsageAggregate(filter);
  for (const row of await queryTrail(records, sql)) addResultRow(aggregate, map, row);
  return aggregate;
}

/** What both paths must agree on (skip counts differ by design: the query never sees other roles' records). */
function comparable(a: UsageAggregate) {
  const noReasons = <T extends { unmapped: Array<{ reason: string }> }>({ unmapped, ...s }: T) => ({
    ...s,
    unmapped: unmapped.map(({ reason: _reason, ...u }) => u),
  });
  return a.summaries().map((s) => ({ ...noReasons(s), parts: s.parts?.map(noReasons) }));
}

describe('usage query (DuckDB) = local aggregation', () => {
  const records = fixtureRecords();

  it('has fixture records to compare on', () => {
    expect(records.length).toBeGreaterThan(50);
  });

  it('every role, no window', async () => {
    const filter: UsageFilter = { roles: [] };
    const expected = comparable(local(records, filter));
    expect(expected.length).toBeGreaterThan(3);
    expect(comparable(await viaSql(records, filter))).toEqual(expected);
  });

  it('one role and a window', async () => {
    const filter: UsageFilter = {
      roles: ['arn:aws:iam::123456789012:role/MyECSTaskRole'],
      since: new Date('2025-06-01T10:06:00Z'),
      until: new Date('2025-06-02T23:00:00Z'),
    };
    const expected = comparable(local(records, filter));
    expect(expected[0]!.records).toBeGreaterThan(0);
    expect(comparable(await viaSql(records, filter))).toEqual(expected);
  });

  it('every row of every service table, and the fallback samples, each as its own role', async () => {
    const samples = [
      ...rows.flatMap(([source, name]) => rowRecords(source, name)),
      ...fallbackSamples.map(([source, name]) => record(source, name, BASE[source]!)),
    ];
    // A role per record, so that each record's permissions are compared on their own.
    const own = samples.map((r, i) => ({
      ...r,
      eventID: `row-${i}`,
      userIdentity: {
        ...r.userIdentity,
        sessionContext: {
          sessionIssuer: { arn: `arn:aws:iam::111122223333:role/row-${String(i).padStart(4, '0')}` },
        },
      },
    }));
    const expected = comparable(local(own, { roles: [] }));
    expect(expected).toHaveLength(own.length);
    expect(comparable(await viaSql(own, { roles: [] }))).toEqual(expected);
  });

  it('per task and per revision, grouped by session', async () => {
    const sessions = local(records, { roles: [] })
      .summaries()
      .flatMap((s) => s.sessions);
    // Half the sessions in one revision, the rest unattributed.
    const tasks = Object.fromEntries(
      sessions
        .filter((_, i) => i % 2 === 0)
        .map((s) => [s, 'arn:aws:ecs:us-east-1:123456789012:task-definition/app:7']),
    );
    for (const view of [{ by: 'task' } as const, { by: 'revision', tasks } as const]) {
      const filter: UsageFilter = { roles: [], view };
      const expected = comparable(local(records, filter));
      expect(expected.some((s) => (s.parts?.length ?? 0) > 1)).toBe(true);
      expect(comparable(await viaSql(records, filter))).toEqual(expected);
    }
  });

  it('counts a record delivered twice once, and says so', async () => {
    const twice = [...records, ...records.slice(0, 5)];
    const sqlSide = await viaSql(twice, { roles: [] });
    expect(comparable(sqlSide)).toEqual(comparable(local(twice, { roles: [] })));
    expect(sqlSide.skipped.duplicates).toBeGreaterThan(0);
  });
});

describe('usage query text', () => {
  it('names the roles, the window and the partitions, and reads only mapped keys per service', () => {
    const sql = usageQuery(
      {
        table: 'default.scopedown_cloudtrail',
        roles: ["arn:aws:iam::123456789012:role/it's"],
        since: '2026-11-01T00:00:00Z',
        until: '2026-11-27T00:00:00Z',
        partitions: [{ column: 'timestamp', from: '2026/11/01', to: '2026/11/27' }],
      },
      ATHENA,
    );
    expect(sql).toContain(`IN ('arn:aws:iam::123456789012:role/it''s')`);
    expect(sql).toContain(`"timestamp" >= '2026/11/01'`);
    expect(sql).toContain(`FROM "default"."scopedown_cloudtrail"`);
    expect(sql).toMatch(
      /WHEN eventsource IN \('s3\.amazonaws\.com'\) THEN json_format\(CAST\(map_filter\(.*'bucketname'/,
    );
    expect(sql).toContain("IN ('dynamodb.amazonaws.com', 'streams.dynamodb.amazonaws.com')");
    expect(sql).toContain('GROUPING SETS');
    expect(() => usageQuery({ table: 'x; DROP TABLE y', roles: [] }, ATHENA)).toThrow(/identifier/);
  });
});
