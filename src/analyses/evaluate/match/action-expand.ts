import type { ActionInfo, Catalog } from '../../../catalog/index.js';
import type { CompiledActionPattern } from './action-pattern.js';

/**
 * The catalogue actions a pattern stands for. A pattern whose service part has a wildcard
 * (`*`, `*:Get*`) is tested against every service, which loads them all: callers cache the answer.
 */
export function expandActionPattern(catalog: Catalog, pattern: CompiledActionPattern): ActionInfo[] {
  if (pattern.service !== null) {
    if (!pattern.hasWildcard) {
      const hit = catalog.actionByKey(pattern.pattern);
      return hit ? [hit] : [];
    }
    return catalog.actions(pattern.service).filter((a) => pattern.test(a.key.toLowerCase()));
  }
  const out: ActionInfo[] = [];
  for (const service of catalog.services()) {
    for (const a of catalog.actions(service)) if (pattern.test(a.key.toLowerCase())) out.push(a);
  }
  return out;
}
