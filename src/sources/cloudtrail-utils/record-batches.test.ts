import { describe, expect, it } from 'vitest';
import type { CloudTrailRecord } from '../../model/cloudtrail.js';
import { BATCH_BYTES, parseTrailBatches } from './record-batches.js';

const ROLE = 'arn:aws:iam::123456789012:role/service/app-task-role';

function record(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    eventTime: '2025-06-01T10:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    eventID: `id-${i}`,
    userIdentity: { sessionContext: { sessionIssuer: { arn: i % 2 ? ROLE : 'arn:aws:iam::1:role/other' } } },
    requestParameters: { key: 'x'.repeat(900) },
    ...extra,
  };
}

function run(text: string | Buffer, mayHold?: (b: Buffer) => boolean) {
  const batches: CloudTrailRecord[][] = [];
  let resets = 0;
  const result = parseTrailBatches(
    Buffer.isBuffer(text) ? text : Buffer.from(text),
    'f.json',
    {
      batch: (r) => batches.push(r),
      reset: () => {
        resets++;
        batches.length = 0;
      },
    },
    mayHold,
  );
  const ids = batches.flat().map((r) => r.eventID);
  return { result, batches: batches.length, ids, resets };
}

const file = (records: unknown[]) => JSON.stringify({ Records: records });
const many = Array.from({ length: 300 }, (_, i) => record(i));
const ids = (n: number) => Array.from({ length: n }, (_, i) => `id-${i}`);

describe('parseTrailBatches', () => {
  it('delivers every record, in order, in batches of about 48 KB', () => {
    const text = file(many);
    const { result, batches, ids: got, resets } = run(text);
    expect(result).toEqual({ ok: true, value: 300 });
    expect(got).toEqual(ids(300));
    expect(batches).toBeGreaterThan(1);
    expect(batches).toBeLessThanOrEqual(Math.ceil(text.length / BATCH_BYTES));
    expect(resets).toBe(0);
  });

  it.each([
    ['no records', file([]), 0, 0],
    ['one record', file([record(0)]), 1, 1],
    ['a BOM and surrounding whitespace', `\ufeff \n${file(many)}\n`, 300, 7],
    ['pretty-printed (parsed whole)', JSON.stringify({ Records: many }, null, 2), 300, 1],
    ['other keys after Records (parsed whole)', JSON.stringify({ Records: many, x: [] }), 300, 1],
  ])('%s', (_id, text, count, batches) => {
    const got = run(text);
    expect(got.result).toEqual({ ok: true, value: count });
    expect(got.ids).toEqual(ids(count));
    expect(got.batches).toBe(batches);
  });

  it('keeps a record whose strings hold the boundary, escaped', () => {
    const tricky = many.map((r, i) =>
      i === 120
        ? { ...r, errorMessage: '},{"eventVersion":"1.09"}', requestParameters: { key: 'x'.repeat(60_000) } }
        : r,
    );
    const got = run(file(tricky));
    expect(got.result).toEqual({ ok: true, value: 300 });
    expect(got.ids).toEqual(ids(300));
    expect(got.resets).toBe(0);
  });

  it('parses the file whole when the boundary turns up inside a record', () => {
    const nested = many.map((r, i) =>
      i === 150
        ? {
            ...r,
            requestParameters: {
              items: Array.from({ length: 80 }, () => ({ eventVersion: 'x', pad: 'y'.repeat(900) })),
            },
          }
        : r,
    );
    const got = run(file(nested));
    expect(got.result).toEqual({ ok: true, value: 300 });
    expect(got.ids).toEqual(ids(300));
    expect(got.resets).toBe(1);
  });

  it('decodes a batch with UTF-8 as UTF-8', () => {
    const text = file(many.map((r, i) => (i === 200 ? { ...r, eventName: 'Größe✓' } : r)));
    const got = run(text);
    expect(got.result.ok).toBe(true);
    const all: CloudTrailRecord[][] = [];
    parseTrailBatches(Buffer.from(text), 'f.json', { batch: (r) => all.push(r), reset: () => {} });
    expect(all.flat()[200]!.eventName).toBe('Größe✓');
  });

  it('reports a damaged file after forgetting the batches delivered', () => {
    const text = file(many);
    const at = text.indexOf('},{', 100_000);
    const broken = `${text.slice(0, at)}#${text.slice(at + 1)}`;
    const got = run(broken);
    expect(got.result.ok ? [] : got.result.errors.map((e) => [e.code, e.file])).toEqual([
      ['INVALID_JSON', 'f.json'],
    ]);
    expect([got.resets, got.batches]).toEqual([1, 0]);
  });

  it.each([
    ['truncated', file(many).slice(0, 70_000), 'INVALID_JSON'],
    ['not CloudTrail', JSON.stringify({ Version: '2012-10-17' }), 'NOT_CLOUDTRAIL'],
  ])('reports a file %s', (_id, text, code) => {
    const got = run(text);
    expect(got.result.ok ? [] : got.result.errors.map((e) => e.code)).toEqual([code]);
  });

  it('skips batches the filter rejects, unparsed', () => {
    // Records of the role only in the last ~20 records.
    const records = Array.from({ length: 300 }, (_, i) => record(i === 290 ? 1 : 0));
    const text = file(records.map((r, i) => ({ ...r, eventID: `id-${i}` })));
    const got = run(text, (b) => b.includes(ROLE));
    expect(got.batches).toBe(1);
    expect(got.ids).toContain('id-290');
    expect(got.result).toEqual({ ok: true, value: got.ids.length });
  });
});
