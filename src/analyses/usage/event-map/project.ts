/**
 * The part of a CloudTrail record the event map reads. Athena mode projects each record in SQL to
 * these fields, groups identical projections and maps one rebuilt record per group with `mapEvent`:
 * so `mapEvent(projectRecord(r))` must equal `mapEvent(r)` for every record (project.test.ts), and
 * the SQL may keep more than this, never less.
 *
 * The rule: `requestParameters` keeps a top-level entry when its lower-cased key is one the
 * service of `eventSource` reads (`ServiceMapping.reads`; none for services without a table), or
 * when its value is an ARN string or a list holding one (`revealedArns` reads those for every
 * service); `responseElements` keeps only the `responseReads` keys; `resources[]` keeps `ARN` and
 * `type`; `userIdentity` keeps `accountId`, `arn`, `principalId` and `sessionContext.sessionIssuer.arn`.
 */
import type { CloudTrailIdentity, CloudTrailRecord, CloudTrailResource } from '../../../model/cloudtrail.js';
import { SERVICE_MAPPINGS } from './index.js';

/** What one service's mapping reads of `requestParameters` and `responseElements` (keys in lower case). */
export interface ServiceReads {
  readonly reads: readonly string[];
  readonly responseReads: readonly string[];
}

const NOTHING: readonly string[] = Object.freeze([]);

/** eventSource → the keys its mapping reads. */
export const READS_BY_SOURCE: ReadonlyMap<string, ServiceReads> = new Map(
  SERVICE_MAPPINGS.flatMap((m) => {
    const reads: ServiceReads = {
      reads: Object.freeze([...new Set(m.reads.map((k) => k.toLowerCase()))]),
      responseReads: Object.freeze([...new Set((m.responseReads ?? NOTHING).map((k) => k.toLowerCase()))]),
    };
    return m.eventSources.map((source) => [source, reads] as const);
  }),
);

/** The same as sets, for projecting every record of a trail. */
const SETS_BY_SOURCE: ReadonlyMap<
  string,
  { reads: ReadonlySet<string>; responseReads: ReadonlySet<string> }
> = new Map(
  [...READS_BY_SOURCE].map(([source, r]) => [
    source,
    { reads: new Set(r.reads), responseReads: new Set(r.responseReads) },
  ]),
);

const NO_KEYS: ReadonlySet<string> = new Set();

/** The `requestParameters` keys (lower case) the mapping of this eventSource reads; none for the default rule. */
export function readsFor(eventSource: string | undefined): readonly string[] {
  return (eventSource !== undefined && READS_BY_SOURCE.get(eventSource)?.reads) || NOTHING;
}

/** The `responseElements` keys (lower case) the mapping of this eventSource reads. */
export function responseReadsFor(eventSource: string | undefined): readonly string[] {
  return (eventSource !== undefined && READS_BY_SOURCE.get(eventSource)?.responseReads) || NOTHING;
}

const isArnText = (value: unknown): boolean => typeof value === 'string' && value.startsWith('arn:');

/** An ARN string, or a list holding at least one: what `revealedArns` may pick up. */
function namesArn(value: unknown): boolean {
  return isArnText(value) || (Array.isArray(value) && value.some(isArnText));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The top-level entries of `obj` whose lower-cased key is in `keys` (in lower case) or, unless
 * `arns` is false, whose value names an ARN; in the original key order (`fieldCI` takes the first
 * case variant), subtrees as they are.
 */
export function projectObject(
  obj: Readonly<Record<string, unknown>>,
  keys: readonly string[] | ReadonlySet<string>,
  arns = true,
): Record<string, unknown> {
  const wanted: ReadonlySet<string> = Array.isArray(keys) ? new Set(keys) : (keys as ReadonlySet<string>);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (wanted.has(k.toLowerCase()) || (arns && namesArn(v))) out[k] = v;
  }
  return out;
}

function projectIdentity(identity: CloudTrailIdentity): CloudTrailIdentity {
  const out: CloudTrailIdentity = {};
  if (identity.accountId !== undefined) out.accountId = identity.accountId;
  if (identity.arn !== undefined) out.arn = identity.arn;
  if (identity.principalId !== undefined) out.principalId = identity.principalId;
  const issuerArn = identity.sessionContext?.sessionIssuer?.arn;
  if (issuerArn !== undefined) out.sessionContext = { sessionIssuer: { arn: issuerArn } };
  return out;
}

function projectResource(resource: CloudTrailResource): CloudTrailResource {
  const out: CloudTrailResource = {};
  if (resource.ARN !== undefined) out.ARN = resource.ARN;
  if (resource.type !== undefined) out.type = resource.type;
  return out;
}

/** The record cut down to what `mapEvent` reads of it (and what reports show: time, ID, caller). */
export function projectRecord(record: CloudTrailRecord): CloudTrailRecord {
  const out: CloudTrailRecord = {
    eventTime: record.eventTime,
    eventSource: record.eventSource,
    eventName: record.eventName,
  };
  if (record.awsRegion !== undefined) out.awsRegion = record.awsRegion;
  if (record.eventType !== undefined) out.eventType = record.eventType;
  if (record.eventCategory !== undefined) out.eventCategory = record.eventCategory;
  if (record.managementEvent !== undefined) out.managementEvent = record.managementEvent;
  if (record.errorCode !== undefined) out.errorCode = record.errorCode;
  if (record.recipientAccountId !== undefined) out.recipientAccountId = record.recipientAccountId;
  if (record.eventID !== undefined) out.eventID = record.eventID;
  if (record.userIdentity) out.userIdentity = projectIdentity(record.userIdentity);
  if (Array.isArray(record.resources)) out.resources = record.resources.map(projectResource);

  const sets = SETS_BY_SOURCE.get(record.eventSource);
  const params = record.requestParameters;
  out.requestParameters = isPlainObject(params) ? projectObject(params, sets?.reads ?? NO_KEYS) : null;

  const response = record.responseElements;
  const responseKeys = sets?.responseReads ?? NO_KEYS;
  if (isPlainObject(response) && responseKeys.size > 0) {
    const kept = projectObject(response, responseKeys, false);
    if (Object.keys(kept).length > 0) out.responseElements = kept;
  }
  return out;
}
