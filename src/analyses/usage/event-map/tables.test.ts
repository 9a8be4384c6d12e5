/**
 * Every row of every service table, run on a representative record: each emitted action must be a
 * catalogue action spelled as AWS spells it, and each resource must be of one of its resource types
 * (`*` only for actions that can be used without naming one). Catches `s3:ListBucketVersion`-style typos.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../catalog/index.js';
import { arnMatchesFormat } from '../../evaluate/match/resource-type-match.js';
import { BASE, fallbackSamples, NONE_ROWS, record, rowRecords, rows } from './examples.js';
import { mapEvent, SERVICE_MAPPINGS } from './index.js';

const catalog = loadCatalog();

/** Every permission is a known action in canonical case on a resource of one of its types. */
function expectValid(permissions: readonly { action: string; resource: string }[]): void {
  expect(permissions.length).toBeGreaterThan(0);
  for (const { action, resource } of permissions) {
    const info = catalog.actionByKey(action);
    expect(info?.key, `${action} is a catalogue action, spelled as AWS spells it`).toBe(action);
    if (!info) continue;
    if (resource === '*') {
      const optional = info.wildcardOnly || !info.resourceTypes.some((t) => t.required);
      expect(optional, `${action} on * although it has a required resource type`).toBe(true);
      continue;
    }
    const formats = catalog.resourceTypesOf(info).flatMap((t) => t.arnFormats);
    expect(
      formats.some((f) => arnMatchesFormat(resource, f)),
      `${resource} is no resource of ${action} (${formats.join(', ')})`,
    ).toBe(true);
  }
}

describe('every table row emits catalogue actions on resources of their types', () => {
  it.each(rows)('%s %s', (source, name) => {
    for (const r of rowRecords(source, name)) {
      const got = mapEvent(r, catalog);
      if (NONE_ROWS.has(`${source} ${name}`)) {
        expect(got).toEqual({ kind: 'none' });
        continue;
      }
      expect(got.kind, JSON.stringify(got)).toBe('mapped');
      if (got.kind === 'mapped') expectValid(got.permissions);
    }
  });

  it('the walk covers every table', () => {
    expect(new Set(rows.map(([s]) => s)).size).toBe(SERVICE_MAPPINGS.flatMap((m) => m.eventSources).length);
    expect(rows.length).toBeGreaterThan(150);
  });
});

describe('events outside the tables: same-named action on the resource the service resolver finds', () => {
  it.each(fallbackSamples)('%s %s', (source, name) => {
    const got = mapEvent(record(source, name, BASE[source]!), catalog);
    expect(got.kind, JSON.stringify(got)).toBe('mapped');
    if (got.kind === 'mapped') {
      expectValid(got.permissions);
      // The resolver found the record's resource: no pattern with a wildcard name (a log group's
      // trailing `:*` is how policies name the group itself: logs.ts).
      for (const p of got.permissions)
        if (p.resource !== '*') expect(p.resource.replace(/(:log-group:[^*]+):\*$/, '$1')).not.toContain('*');
    }
  });
});
