/**
 * CloudTrail record → the IAM permissions it proves its caller needed: a documented table per
 * service (one file each), the default rule for the rest. Pure and fast: it runs on every record of
 * a trail, so dispatch is two map lookups and nothing is compiled per call.
 */
import type { Catalog } from '../../../catalog/types.js';
import type { CloudTrailRecord, EventMapping } from '../../../model/cloudtrail.js';
import { createContext } from './context.js';
import { defaultRule } from './default-rule.js';
import { dynamodb } from './dynamodb.js';
import { ecr } from './ecr.js';
import { events } from './events.js';
import { firehose } from './firehose.js';
import { kinesis } from './kinesis.js';
import { kms } from './kms.js';
import { lambda } from './lambda.js';
import { logs } from './logs.js';
import { normalizeEventName } from './normalize.js';
import { NONE, sameNamedAction, unmapped } from './permissions.js';
import { s3 } from './s3.js';
import { secretsmanager } from './secretsmanager.js';
import { sns } from './sns.js';
import { sqs } from './sqs.js';
import { ssm } from './ssm.js';
import { states } from './states.js';
import { sts } from './sts.js';
import type { EventHandler, ResourceResolver, ServiceMapping } from './types.js';

export { EVENT_SOURCE_PREFIXES, iamPrefix } from './event-sources.js';
export { normalizeEventName } from './normalize.js';
export { patternFor } from './permissions.js';
export type { EventContext, EventHandler, EventTable, ResourceResolver, ServiceMapping } from './types.js';

/** Every service table, in the order they are documented. */
export const SERVICE_MAPPINGS: readonly ServiceMapping[] = [
  s3,
  kms,
  dynamodb,
  sqs,
  sns,
  secretsmanager,
  ssm,
  logs,
  ecr,
  sts,
  lambda,
  kinesis,
  firehose,
  events,
  states,
];

interface CompiledService {
  readonly events: ReadonlyMap<string, EventHandler>;
  readonly resource: ResourceResolver | undefined;
}

const BY_SOURCE: ReadonlyMap<string, CompiledService> = new Map(
  SERVICE_MAPPINGS.flatMap((m) => {
    const compiled: CompiledService = { events: new Map(Object.entries(m.events)), resource: m.resource };
    return m.eventSources.map((source) => [source, compiled] as const);
  }),
);

/**
 * Records that are not API calls made with the caller's permissions (CloudTrail UG, record contents,
 * `eventType`): events AWS services emit, console sign-ins and non-API console actions, Insights,
 * and VPC endpoint network-activity events (the call itself is logged separately).
 */
const NOT_CALLS = new Set([
  'AwsServiceEvent',
  'AwsConsoleSignIn',
  'AwsConsoleAction',
  'AwsCloudTrailInsight',
  'AwsVpceEvent',
]);

/** What permissions a CloudTrail record proves its caller needed. */
export function mapEvent(record: CloudTrailRecord, catalog: Catalog): EventMapping {
  if (record.eventType !== undefined && NOT_CALLS.has(record.eventType)) return NONE;
  const source = record.eventSource;
  const name = record.eventName;
  if (!source || !name) return unmapped('record without eventSource or eventName');
  const ctx = createContext(record, catalog, normalizeEventName(name));
  const service = BY_SOURCE.get(source);
  if (!service) return defaultRule(ctx);
  const handler = service.events.get(ctx.eventName);
  return handler ? handler(ctx) : sameNamedAction(ctx, service.resource);
}
