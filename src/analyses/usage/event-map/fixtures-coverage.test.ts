/**
 * Every row of every service table has at least one real-format record among the fixtures
 * (test/fixtures/cloudtrail/records/), whose exact mapping one of the fixture tests asserts
 * (index.test.ts, fixtures-*.test.ts). A new row without a fixture fails here.
 */
import { describe, expect, it } from 'vitest';
import { fixtureRecords } from '../../../../test/support/fixture-records.js';
import type { CloudTrailRecord } from '../../../model/cloudtrail.js';
import { normalizeEventName, SERVICE_MAPPINGS } from './index.js';

/** Rows CloudTrail never logs under that name, and why. */
const NOT_LOGGED: Readonly<Record<string, string>> = {
  's3.amazonaws.com ListObjectsV2':
    'logged as ListObjects with "list-type": "2" (aws-facts §2.2): s3-list-objects-v2*.json are such records',
  'states.amazonaws.com StartSyncExecution':
    'Step Functions API reference, StartSyncExecution: "This API action isn\'t logged in CloudTrail."',
};

describe('event map fixtures', () => {
  const seen = new Set(
    (fixtureRecords() as CloudTrailRecord[]).map(
      (r) => `${r.eventSource} ${normalizeEventName(r.eventName)}`,
    ),
  );
  const rows = SERVICE_MAPPINGS.flatMap((m) =>
    Object.keys(m.events).map((name) => ({ sources: m.eventSources, name })),
  );

  it.each(rows)('$sources.0 $name has a real-format fixture', ({ sources, name }) => {
    const key = `${sources[0]} ${name}`;
    if (NOT_LOGGED[key]) return;
    expect(
      sources.some((s) => seen.has(`${s} ${name}`)),
      `${key}: add a fixture under test/fixtures/cloudtrail/records/`,
    ).toBe(true);
  });

  it('lists as not logged only rows that exist', () => {
    for (const key of Object.keys(NOT_LOGGED)) {
      const [source, name] = key.split(' ');
      expect(rows.some((r) => r.sources.includes(source!) && r.name === name)).toBe(true);
    }
  });
});
