/** The shapes every service table of the event map shares. */
import type { Catalog } from '../../../catalog/types.js';
import type { CloudTrailRecord, EventMapping } from '../../../model/cloudtrail.js';

/** `requestParameters` as logged: each service reads its own keys. */
export type Params = Readonly<Record<string, unknown>>;

/** One record, with what every mapping needs resolved once. */
export interface EventContext {
  readonly record: CloudTrailRecord;
  readonly catalog: Catalog;
  /** `eventName` without API-version suffixes (normalize.ts). */
  readonly eventName: string;
  /** `requestParameters`, or an empty object when the record has none. */
  readonly params: Params;
  /** The partition of the request's Region: `aws`, `aws-cn`, `aws-us-gov`, ... */
  readonly partition: string;
  /** `awsRegion`; undefined when absent. */
  readonly region: string | undefined;
  /**
   * The caller's account (`userIdentity.accountId`, else `recipientAccountId`): where a resource
   * named without an ARN lives, since AWS resolves bare names (table, queue, secret, key id) there.
   */
  readonly account: string | undefined;
}

/** What one event proves its caller needed. */
export type EventHandler = (ctx: EventContext) => EventMapping;

/** eventName (normalised) → handler. */
export type EventTable = Readonly<Record<string, EventHandler>>;

/**
 * The ARN a record names for one resource type of an action (type names in lower case, as the
 * service reference spells them: `object`, `bucket`, `queue`, `secret`...), or undefined when the
 * record does not name one.
 */
export type ResourceResolver = (ctx: EventContext, resourceType: string) => string | undefined;

/** One service's part of the event map. */
export interface ServiceMapping {
  /** The `eventSource` values it handles, e.g. `s3.amazonaws.com`. */
  readonly eventSources: readonly string[];
  /** The documented, non-obvious rows: renames, one event needing several actions, parameter parsing. */
  readonly events: EventTable;
  /**
   * For events not in the table: the same-named action (when the catalogue knows it) on the resource
   * this resolver finds in the record for one of the action's resource types.
   */
  readonly resource?: ResourceResolver;
  /**
   * Every top-level `requestParameters` key that the handlers of `events`, `resource` or the helpers
   * they call read, in lower case (keys match case-insensitively, as `fieldCI` reads them; a kept
   * key keeps its whole subtree). Parameters whose value is an ARN, or a list holding one, are kept
   * apart from this list (`revealedArns` reads them for every service): project.ts.
   */
  readonly reads: readonly string[];
  /** The top-level `responseElements` keys read, in lower case; none when absent. */
  readonly responseReads?: readonly string[];
}
