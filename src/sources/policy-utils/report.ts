import type { InputError } from '../../model/errors.js';
import type { Location } from '../../model/location.js';
import { didYouMean as suggest } from '../../model/suggest.js';
import type { JsonEntry, JsonNode, JsonObject } from '../json-located.parse.js';

/** Collects every problem in one document, so a single run reports them all. */
export interface Reporter {
  file: string;
  errors: InputError[];
}

export function report(r: Reporter, loc: Location, message: string, code = 'INVALID_POLICY'): void {
  r.errors.push({ code, file: loc.file, pointer: loc.pointer, line: loc.line, column: loc.column, message });
}

const MAX_QUOTE = 60;

/** The input as the user wrote it, short enough for a one-line message. */
export function describe(node: JsonNode): string {
  switch (node.kind) {
    case 'string': {
      const s = JSON.stringify(node.value);
      return s.length > MAX_QUOTE ? `${s.slice(0, MAX_QUOTE - 4)}..."` : s;
    }
    case 'number':
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'array':
      return node.items.length === 0 ? '[]' : 'an array';
    case 'object':
      return node.entries.length === 0 ? '{}' : 'an object';
  }
}

export function typeError(r: Reporter, node: JsonNode, expected: string): void {
  report(r, node.loc, `expected ${expected}, got ${describe(node)}`);
}

/** The closest known element name when `word` is plausibly a typo of it: case, a plural `s`, a letter or two. */
export function didYouMean<K extends string>(word: string, candidates: readonly K[]): K | undefined {
  return suggest(word, candidates, word.length <= 4 ? 1 : 2);
}

export interface KnownEntries<K extends string> {
  /** The first occurrence of each known key; later duplicates are reported and ignored. */
  byKey: Map<K, JsonEntry>;
  /** Known keys that an unknown key was probably meant to be, so "missing X" is not reported twice. */
  suggested: Set<K>;
}

/**
 * Splits an object's entries into known keys, reporting duplicates and unknown keys (with a
 * did-you-mean). IAM rejects both, so they are errors rather than warnings.
 */
export function knownEntries<K extends string>(
  r: Reporter,
  obj: JsonObject,
  known: readonly K[],
  what: string,
): KnownEntries<K> {
  const byKey = new Map<K, JsonEntry>();
  const suggested = new Set<K>();
  for (const entry of uniqueEntries(r, obj)) {
    if ((known as readonly string[]).includes(entry.key)) {
      byKey.set(entry.key as K, entry);
      continue;
    }
    const guess = didYouMean(entry.key, known);
    if (guess !== undefined) suggested.add(guess);
    const tail =
      guess !== undefined
        ? `; did you mean ${JSON.stringify(guess)}?`
        : `; expected one of ${known.join(', ')}`;
    report(r, entry.keyLoc, `unknown ${what} ${JSON.stringify(entry.key)}${tail}`);
  }
  return { byKey, suggested };
}

/** Reports duplicate keys in a map whose keys are free-form (condition keys, operators). */
export function uniqueEntries(r: Reporter, obj: JsonObject): JsonEntry[] {
  const seen = new Map<string, JsonEntry>();
  const out: JsonEntry[] = [];
  for (const entry of obj.entries) {
    const first = seen.get(entry.key);
    if (first) {
      const at = `line ${first.keyLoc.line}, column ${first.keyLoc.column}`;
      report(r, entry.keyLoc, `duplicate key ${JSON.stringify(entry.key)} (first at ${at})`);
      continue;
    }
    seen.set(entry.key, entry);
    out.push(entry);
  }
  return out;
}
