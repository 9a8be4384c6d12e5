import { describe, expect, it } from 'vitest';
import type { AwsCallError } from '../../model/errors.js';
import { attempt, chunks, clean, collectPages, mapLimit, toAwsCallError } from './call-error.js';

const site = { service: 'ecs', region: 'us-east-1', operation: 'DescribeServices', target: 'my-cluster' };

/** Shaped like what the SDK v3 throws for a modeled or unmodeled service error. */
function sdkError(name: string, message: string, status: number, extra: object = {}): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, ...extra });
}

describe('toAwsCallError', () => {
  it.each([
    [
      'throttling (SDK marks it)',
      sdkError('ThrottlingException', 'Rate exceeded', 400, { $retryable: { throttling: true } }),
      'ThrottlingException',
      true,
    ],
    ['IAM query throttling', sdkError('Throttling', 'Rate exceeded', 400), 'Throttling', true],
    [
      'access denied',
      sdkError('AccessDeniedException', 'User: arn:aws:sts::1:assumed-role/r/s is not authorized', 400),
      'AccessDeniedException',
      false,
    ],
    ['server error', sdkError('InternalFailure', 'oops', 500), 'InternalFailure', true],
    [
      'network',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      'ECONNREFUSED',
      true,
    ],
    ['not an Error', 'weird', 'UnknownError', false],
  ])('%s', (_id, err, awsCode, retryable) => {
    const e = toAwsCallError(site, err);
    expect(e).toMatchObject({ service: 'ecs', operation: 'DescribeServices', awsCode, retryable });
    expect(e.message.startsWith(`ecs us-east-1 DescribeServices my-cluster: ${awsCode}: `)).toBe(true);
  });

  it('keeps credentials and signatures out of the message, on one line', () => {
    const e = toAwsCallError(
      site,
      sdkError(
        'SignatureDoesNotMatch',
        'bad\nCredential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/ecs/aws4_request, Signature=abcdef0123\nkey ASIAIOSFODNN7EXAMPLE',
        403,
      ),
    );
    expect(e.message).not.toMatch(/AKIA|ASIA|abcdef0123|\n/);
    expect(clean('x'.repeat(1000)).length).toBeLessThanOrEqual(400);
  });
});

describe('call helpers', () => {
  it('attempt records a failure and yields undefined', async () => {
    const errors: AwsCallError[] = [];
    expect(await attempt(errors, site, async () => 1)).toBe(1);
    expect(
      await attempt(errors, site, () => Promise.reject(sdkError('AccessDeniedException', 'no', 400))),
    ).toBeUndefined();
    expect(errors).toHaveLength(1);
  });

  it('collectPages keeps the pages read before a failing one', async () => {
    async function* pages() {
      yield [1, 2];
      yield [3];
      throw sdkError('ThrottlingException', 'Rate exceeded', 400);
    }
    const errors: AwsCallError[] = [];
    const read = await collectPages(errors, site, pages(), (p: number[]) => p);
    expect(read).toEqual({ items: [1, 2, 3], complete: false });
    expect(errors).toHaveLength(1);
  });

  it('mapLimit keeps order and bounds concurrency; chunks splits', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, n));
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
