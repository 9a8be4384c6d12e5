import { describe, expect, it } from 'vitest';
import { parseRecordText } from './record.js';
import {
  dayPaths,
  deliveryWindow,
  isDelivered,
  parseTrailFileName,
  parseTrailUrl,
  pathInRange,
} from './trail-keys.js';

describe('parseTrailUrl', () => {
  it.each([
    ['s3://bucket', { bucket: 'bucket', logsPrefix: 'AWSLogs/' }],
    ['s3://bucket/', { bucket: 'bucket', logsPrefix: 'AWSLogs/' }],
    ['s3://bucket/logs', { bucket: 'bucket', logsPrefix: 'logs/AWSLogs/' }],
    ['s3://bucket/a/b/', { bucket: 'bucket', logsPrefix: 'a/b/AWSLogs/' }],
    ['s3://bucket/logs/AWSLogs/', { bucket: 'bucket', logsPrefix: 'logs/AWSLogs/' }],
    ['s3://bucket/AWSLogs', { bucket: 'bucket', logsPrefix: 'AWSLogs/' }],
    ['s3://bucket/MyAWSLogs', { bucket: 'bucket', logsPrefix: 'MyAWSLogs/AWSLogs/' }],
    ['https://bucket/logs', undefined],
    ['s3://', undefined],
    ['s3://Bad_Bucket/x', undefined],
  ])('%s', (url, want) => {
    expect(parseTrailUrl(url)).toEqual(want);
  });
});

describe('parseTrailFileName', () => {
  it('reads account, region and delivery time from a log file key', () => {
    expect(
      parseTrailFileName(
        'p/AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/01/111122223333_CloudTrail_us-east-2_20150801T0210Z_Mu0KsOhtH1ar15ZZ.json.gz',
      ),
    ).toEqual({ account: '111122223333', region: 'us-east-2', delivered: new Date('2015-08-01T02:10:00Z') });
  });

  it.each([
    ['digest', '111122223333_CloudTrail-Digest_us-east-2_trail_us-east-2_20150801T0210Z.json.gz'],
    ['not gzip', '111122223333_CloudTrail_us-east-2_20150801T0210Z_Mu0KsOhtH1ar15ZZ.json'],
    ['stray', 'README.txt'],
    ['impossible date', '111122223333_CloudTrail_us-east-2_20151399T0210Z_Mu0KsOhtH1ar15ZZ.json.gz'],
  ])('skips %s', (_id, name) => {
    expect(parseTrailFileName(`x/${name}`)).toBeUndefined();
  });
});

describe('the delivery window', () => {
  const w = deliveryWindow(new Date('2025-06-02T12:00:30Z'), new Date('2025-06-03T23:30:00Z'));

  it('starts at the minute of since and ends an hour after until', () => {
    expect(w).toEqual({ from: new Date('2025-06-02T12:00:00Z'), to: new Date('2025-06-04T00:30:00Z') });
    const at = (iso: string) => isDelivered({ account: '', region: '', delivered: new Date(iso) }, w);
    expect([at('2025-06-02T11:59:00Z'), at('2025-06-02T12:00:00Z'), at('2025-06-04T00:30:00Z')]).toEqual([
      false,
      true,
      true,
    ]);
    expect(at('2025-06-04T00:31:00Z')).toBe(false);
  });

  it('spans one day prefix per UTC day, across a month end', () => {
    expect(dayPaths(w.from as Date, w.to as Date)).toEqual(['2025/06/02', '2025/06/03', '2025/06/04']);
    expect(dayPaths(new Date('2024-02-28T23:00:00Z'), new Date('2024-03-01T00:00:00Z'))).toEqual([
      '2024/02/28',
      '2024/02/29',
      '2024/03/01',
    ]);
  });

  it.each([
    ['2025', '2025/06/02', undefined, true],
    ['2024', '2025/06/02', undefined, false],
    ['2025/05', '2025/06/02', undefined, false],
    ['2025/06/01', '2025/06/02', undefined, false],
    ['2025/07', undefined, '2025/06/30', false],
    ['2025/06', undefined, '2025/06/30', true],
    ['notes', undefined, undefined, false],
  ])('folder %s in [%s, %s]: %s', (path, from, to, want) => {
    expect(pathInRange(path, from, to)).toBe(want);
  });
});

describe('parseRecordText', () => {
  it.each([
    ['{"eventTime":"t","eventSource":"s","eventName":"n"}', undefined],
    ['{"eventTime":"t"', 'not valid JSON (16 characters)'],
    ['[1]', 'expected a JSON object, got an array'],
    ['{"eventTime":"t","eventSource":1}', 'missing or not a string: eventSource, eventName'],
  ])('%s', (text, problem) => {
    const out = parseRecordText(text);
    expect('problem' in out ? out.problem : undefined).toBe(problem);
  });
});
