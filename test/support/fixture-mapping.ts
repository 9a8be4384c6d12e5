/** Reading one fixture record and writing the mapping it must give, for the event-map fixture tests. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { CloudTrailRecord, EventMapping } from '../../src/model/cloudtrail.js';

const FIXTURES = new URL('../fixtures/cloudtrail/records/', import.meta.url);

/** The records of a fixture: a CloudTrail log file body, `{"Records": [...]}`. */
export function fixtureRecordsOf(file: string): CloudTrailRecord[] {
  return (JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as { Records: CloudTrailRecord[] })
    .Records;
}

/** The one record of a fixture (asserted to be one). */
export function onlyRecord(file: string): CloudTrailRecord {
  const all = fixtureRecordsOf(file);
  expect(all).toHaveLength(1);
  return all[0]!;
}

export type Pair = readonly [action: string, resource: string];

export const mappedTo = (...pairs: Pair[]): EventMapping => ({
  kind: 'mapped',
  permissions: pairs.map(([action, resource]) => ({ action, resource })),
});
