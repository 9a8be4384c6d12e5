import {
  type CloudTrailClient,
  type LookupAttribute,
  LookupEventsCommand,
  type LookupEventsCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import type { CloudTrailRecord } from '../model/cloudtrail.js';
import type { AwsCallError } from '../model/errors.js';
import { type CallSite, itemFailure, toAwsCallError } from './aws-utils/call-error.js';
import { intervalLimiter, type RateLimiter, sleep } from './cloudtrail-aws-utils/rate-limit.js';
import { parseRecordText } from './cloudtrail-aws-utils/record.js';

export { isAwsCallError } from './cloudtrail-aws-utils/record.js';

/** LookupEvents' quota: per account and region, not increasable (aws-facts §1.6). */
export const LOOKUP_EVENTS_PER_SECOND = 2;
/** The largest page LookupEvents returns. */
export const LOOKUP_EVENTS_PAGE_SIZE = 50;

export interface LookupOptions {
  since?: Date;
  until?: Date;
  /**
   * Role session names (for ECS task roles, the task ids): one `Username` lookup each. Takes precedence
   * over `eventSources`, which then filter the records client-side.
   */
  sessionNames?: string[];
  /** Event sources (`s3.amazonaws.com`): one `EventSource` lookup each when no session names are given. */
  eventSources?: string[];
  /**
   * Called before the reader waits for the 2 requests/s limit, with the wait in ms, so the CLI can say
   * "LookupEvents is limited to 2 requests/s".
   */
  onWait?: (ms: number) => void;
}

/** One limiter per client (a client is one account and region), shared by concurrent lookups. */
const limiters = new WeakMap<CloudTrailClient, RateLimiter>();

/**
 * Management events from CloudTrail event history (the last 90 days), newest first within each lookup.
 * LookupEvents takes one lookup attribute per call, so the reader makes one series of calls per session
 * name (or per event source), 50 events a page, following `NextToken`. Every request, SDK retries
 * included (the SDK retries `ThrottlingException`), waits for the client-side 2 requests/s limit.
 *
 * Never throws: a failed call yields an `AwsCallError` and the next lookup goes on; an event whose
 * `CloudTrailEvent` is not a record yields an `InvalidCloudTrailEvent` error and the rest continue.
 */
export async function* lookupEvents(
  ct: CloudTrailClient,
  opts: LookupOptions = {},
): AsyncIterable<CloudTrailRecord | AwsCallError> {
  const region = await regionOf(ct);
  const limiter = limiterFor(ct);
  const keepSource =
    opts.sessionNames?.length && opts.eventSources?.length ? new Set(opts.eventSources) : undefined;

  for (const attribute of lookupAttributes(opts)) {
    const where: CallSite = {
      service: 'cloudtrail',
      operation: 'LookupEvents',
      ...(region ? { region } : {}),
      ...(attribute ? { target: `${attribute.AttributeKey}=${attribute.AttributeValue}` } : {}),
    };
    let token: string | undefined;
    do {
      let page: LookupEventsCommandOutput;
      try {
        page = await ct.send(limited(command(opts, attribute, token), limiter, opts.onWait));
      } catch (err) {
        yield toAwsCallError(where, err);
        break;
      }
      for (const event of page.Events ?? []) {
        const id = {
          ...where,
          target: [where.target, `EventId=${event.EventId ?? '?'}`].filter(Boolean).join(' '),
        };
        if (!event.CloudTrailEvent) {
          yield itemFailure(id, 'InvalidCloudTrailEvent', 'the event has no CloudTrailEvent');
          continue;
        }
        const parsed = parseRecordText(event.CloudTrailEvent);
        if ('problem' in parsed) {
          yield itemFailure(id, 'InvalidCloudTrailEvent', `CloudTrailEvent: ${parsed.problem}`);
        } else if (!keepSource || keepSource.has(parsed.record.eventSource)) {
          yield parsed.record;
        }
      }
      if (page.NextToken && page.NextToken === token) {
        yield itemFailure(where, 'RepeatedNextToken', 'the lookup did not advance');
        break;
      }
      token = page.NextToken;
    } while (token);
  }
}

/** One attribute per series of calls; `undefined` is a single unfiltered series. */
function lookupAttributes(opts: LookupOptions): Array<LookupAttribute | undefined> {
  const by = (key: 'Username' | 'EventSource', values: string[]) =>
    [...new Set(values)].map((AttributeValue): LookupAttribute => ({ AttributeKey: key, AttributeValue }));
  if (opts.sessionNames?.length) return by('Username', opts.sessionNames);
  if (opts.eventSources?.length) return by('EventSource', opts.eventSources);
  return [undefined];
}

function command(
  opts: LookupOptions,
  attribute: LookupAttribute | undefined,
  token: string | undefined,
): LookupEventsCommand {
  return new LookupEventsCommand({
    MaxResults: LOOKUP_EVENTS_PAGE_SIZE,
    ...(attribute ? { LookupAttributes: [attribute] } : {}),
    ...(opts.since ? { StartTime: opts.since } : {}),
    ...(opts.until ? { EndTime: opts.until } : {}),
    ...(token ? { NextToken: token } : {}),
  });
}

/**
 * Waits for the limiter on every attempt of the command: just before signing, which runs inside the
 * retry loop, so the SDK's retries are paced too and each request is signed after its wait.
 */
function limited(cmd: LookupEventsCommand, limiter: RateLimiter, onWait?: (ms: number) => void) {
  cmd.middlewareStack.addRelativeTo(
    <A, R>(next: (args: A) => Promise<R>) =>
      async (args: A): Promise<R> => {
        const ms = limiter.reserve();
        if (ms > 0) {
          onWait?.(ms);
          await sleep(ms);
        }
        return next(args);
      },
    {
      name: 'scopedownLookupEventsRateLimit',
      relation: 'before',
      toMiddleware: 'httpSigningMiddleware',
    },
  );
  return cmd;
}

function limiterFor(ct: CloudTrailClient): RateLimiter {
  let limiter = limiters.get(ct);
  if (!limiter) {
    limiter = intervalLimiter(LOOKUP_EVENTS_PER_SECOND);
    limiters.set(ct, limiter);
  }
  return limiter;
}

async function regionOf(ct: CloudTrailClient): Promise<string | undefined> {
  try {
    return await ct.config.region();
  } catch {
    return undefined; // the call itself reports the missing region
  }
}
