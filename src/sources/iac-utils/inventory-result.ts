import type { InputError } from '../../model/errors.js';
import type { Unresolved } from '../../model/inventory.js';
import type { Location } from '../../model/location.js';

// One result shape for every inventory reader.
export type { InventoryParseResult } from '../ecs-task-definition.parse.js';

export function inputError(code: string, loc: Location, message: string): InputError {
  return { code, file: loc.file, pointer: loc.pointer, line: loc.line, column: loc.column, message };
}

/**
 * Collects Unresolved entries, once per key: the same parameter used in ten places is reported at
 * each place, but a missing account id (used by every ARN) only once, where it was first needed.
 * `misses` counts every miss, deduplicated or not, so callers can tell whether a value is complete.
 */
export class UnresolvedLog {
  private readonly byKey = new Map<string, Unresolved>();
  misses = 0;

  add(what: string, loc: Location, onceKey?: string): void {
    this.misses++;
    const key = onceKey ?? `${loc.pointer}\u0000${what}`;
    if (!this.byKey.has(key)) this.byKey.set(key, { what, loc });
  }

  list(): Unresolved[] {
    return [...this.byKey.values()];
  }
}

/**
 * A stand-in for a value only a deployment knows, as `${text}`: the policy engine reads it as a
 * policy variable that never has a value, so it never matches a real name or ARN. Characters that
 * would end or split the variable are replaced.
 */
export function placeholder(text: string): string {
  return `\${${text.replace(/[${},*?]/g, '_')}}`;
}
