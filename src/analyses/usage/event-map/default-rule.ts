/**
 * The rule for every service without a table (and for events a service table does not list):
 * IAM prefix from the eventSource (event-sources.ts), action = the normalised eventName, only when
 * the catalogue knows `prefix:name` (canonical case from the catalogue; an unknown one is
 * `unmapped`, never guessed); resource = the ARNs the record names (`resources[]`, then top-level ARN
 * request parameters) that match one of the action's resource types (`arnMatchesFormat`); `*` for
 * actions without a resource type; else a pattern, not an ARN: the ARN format of the action's first
 * required resource type with the partition, Region and account filled in where the record tells
 * them and `*` elsewhere (`patternFor`), or `*` when every resource type of the action is optional.
 */
import type { EventMapping } from '../../../model/cloudtrail.js';
import { sameNamedAction } from './permissions.js';
import type { EventContext } from './types.js';

export function defaultRule(ctx: EventContext): EventMapping {
  return sameNamedAction(ctx);
}
