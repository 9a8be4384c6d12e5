import type { AwsCallError } from '../../model/errors.js';

/** Which call failed: enough for a one-line "where, then what" message. */
export interface CallSite {
  service: string;
  operation: string;
  region?: string;
  /** What the call was about: a cluster, an ARN. */
  target?: string;
}

/** Codes for which AWS says a later retry may succeed (the SDK has already retried by then). */
const RETRYABLE_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ServerException',
  'InternalFailure',
  'InternalError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
]);

const MAX_MESSAGE = 400;

/** The fields the SDK v3 puts on what it throws; anything may be missing. */
interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** Turns whatever a call threw into an `AwsCallError`; never copies credentials into the message. */
export function toAwsCallError(site: CallSite, err: unknown): AwsCallError {
  const e: SdkErrorShape = typeof err === 'object' && err !== null ? (err as SdkErrorShape) : {};
  const awsCode = errorCode(e);
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const retryable =
    (e.$retryable !== undefined && e.$retryable !== null) ||
    RETRYABLE_CODES.has(awsCode) ||
    (status !== undefined && status >= 500);
  const text = typeof e.message === 'string' && e.message ? e.message : String(err);
  return {
    service: site.service,
    operation: site.operation,
    awsCode,
    message: `${where(site)}: ${awsCode}: ${clean(text)}`,
    retryable,
  };
}

/** A per-item failure ECS returns inside a successful response (`failures[]`). */
export function itemFailure(site: CallSite, reason: string, detail?: string): AwsCallError {
  return {
    service: site.service,
    operation: site.operation,
    awsCode: reason,
    message: `${where(site)}: ${reason}${detail ? `: ${clean(detail)}` : ''}`,
    retryable: false,
  };
}

function errorCode(e: SdkErrorShape): string {
  for (const c of [e.Code, e.name, e.code]) {
    if (typeof c === 'string' && c && c !== 'Error') return c;
  }
  return 'UnknownError';
}

function where(site: CallSite): string {
  const parts = [site.service, site.region, site.operation].filter((p): p is string => !!p);
  return `${parts.join(' ')}${site.target ? ` ${site.target}` : ''}`;
}

/** One line, bounded, with anything shaped like an access key id, signature or token removed. */
export function clean(message: string): string {
  const line = message
    .replace(/\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g, '[redacted]')
    .replace(
      /(Signature|Credential|X-Amz-Security-Token|X-Amz-Signature|SessionToken)=[^\s&,]+/gi,
      '$1=[redacted]',
    )
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}

/**
 * Runs one call; a failure is recorded in `errors` and yields undefined, so the caller carries on
 * with whatever else it can read.
 */
export async function attempt<T>(
  errors: AwsCallError[],
  site: CallSite,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    errors.push(toAwsCallError(site, err));
    return undefined;
  }
}

/** Walks a paginator; a failing page is recorded and ends the walk, keeping the pages already read. */
export async function collectPages<P, T>(
  errors: AwsCallError[],
  site: CallSite,
  pages: AsyncIterable<P>,
  pick: (page: P) => readonly T[] | undefined,
  onPage?: (itemsSoFar: number) => void,
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  try {
    for await (const page of pages) {
      items.push(...(pick(page) ?? []));
      onPage?.(items.length);
    }
    return { items, complete: true };
  } catch (err) {
    errors.push(toAwsCallError(site, err));
    return { items, complete: false };
  }
}

/** Runs `fn` over `items` with at most `limit` calls in flight, keeping the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
