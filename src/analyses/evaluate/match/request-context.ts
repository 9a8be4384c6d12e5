import type { ContextValue } from '../../../model/request.js';

/**
 * The request context as conditions read it. Condition key names are case-insensitive
 * ("Key names are case-insensitive. For example, `aws:CurrentTime` is equivalent to
 * `AWS:currenttime`", IAM UG, "IAM policy elements: Variables and tags"), so lookups take the
 * lower-cased name; compiled conditions lower-case their key once, not per request.
 */
export interface RequestContext {
  get(lowerKey: string): ContextValue | undefined;
}

const EMPTY: RequestContext = { get: () => undefined };

/**
 * Built once per request. When two keys differ only in case the later one wins, as a JSON object
 * with both would be read top to bottom.
 */
export function buildRequestContext(context: Record<string, ContextValue>): RequestContext {
  const keys = Object.keys(context);
  if (keys.length === 0) return EMPTY;
  const byLower = new Map<string, ContextValue>();
  for (const key of keys) byLower.set(key.toLowerCase(), context[key]!);
  return { get: (lowerKey) => byLower.get(lowerKey) };
}
