import type { Located } from '../../model/location.js';
import type { ConditionClause, ConditionValue, PrincipalBlock, PrincipalType } from '../../model/policy.js';
import type { JsonNode } from '../json-located.parse.js';
import { describe, knownEntries, type Reporter, report, typeError, uniqueEntries } from './report.js';

/**
 * Action, NotAction, Resource, NotResource and principal values: a string or a non-empty array of
 * strings. Returns undefined when anything is wrong, so the caller can leave the statement out
 * rather than analyse half of a list.
 */
export function stringList(r: Reporter, node: JsonNode): Array<Located<string>> | undefined {
  if (node.kind === 'string') return [{ value: node.value, loc: node.loc }];
  if (node.kind !== 'array' || node.items.length === 0) {
    typeError(r, node, 'a string or a non-empty array of strings');
    return undefined;
  }
  const out: Array<Located<string>> = [];
  let bad = false;
  for (const item of node.items) {
    if (item.kind === 'string') out.push({ value: item.value, loc: item.loc });
    else {
      typeError(r, item, 'a string');
      bad = true;
    }
  }
  return bad ? undefined : out;
}

export const PRINCIPAL_TYPES: readonly PrincipalType[] = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** `"*"` or a map of principal type to a string or an array of strings. */
export function principalBlock(r: Reporter, node: JsonNode): PrincipalBlock | undefined {
  if (node.kind === 'string') {
    if (node.value === '*') return { wildcard: true, entries: [], loc: node.loc };
    report(r, node.loc, `expected "*" or a map such as {"AWS": ...}, got ${describe(node)}`);
    return undefined;
  }
  if (node.kind !== 'object') {
    typeError(r, node, '"*" or a map of principal types');
    return undefined;
  }
  if (node.entries.length === 0) {
    report(r, node.loc, `expected at least one of ${PRINCIPAL_TYPES.join(', ')}, got {}`);
    return undefined;
  }
  const before = r.errors.length;
  const { byKey } = knownEntries(r, node, PRINCIPAL_TYPES, 'principal type');
  const entries: PrincipalBlock['entries'] = [];
  for (const [type, entry] of byKey) {
    for (const value of stringList(r, entry.value) ?? []) entries.push({ type, value });
  }
  return r.errors.length > before ? undefined : { wildcard: false, entries, loc: node.loc };
}

function conditionValue(node: JsonNode): Located<ConditionValue> | undefined {
  if (node.kind === 'string' || node.kind === 'number' || node.kind === 'boolean') {
    return { value: node.value, loc: node.loc };
  }
  return undefined;
}

const CONDITION_VALUE = 'a string, number or boolean, or a non-empty array of them';

/** `{ operator: { key: value | value[] } }`, flattened to one clause per operator and key. */
export function conditionBlock(r: Reporter, node: JsonNode): ConditionClause[] | undefined {
  if (node.kind !== 'object') {
    typeError(r, node, 'a map of condition operators');
    return undefined;
  }
  const before = r.errors.length;
  const clauses: ConditionClause[] = [];
  for (const op of uniqueEntries(r, node)) {
    if (op.value.kind !== 'object') {
      typeError(r, op.value, `a map of condition keys under ${JSON.stringify(op.key)}`);
      continue;
    }
    const operator = { value: op.key, loc: op.keyLoc };
    for (const k of uniqueEntries(r, op.value)) {
      const values = conditionValues(r, k.value);
      if (values) clauses.push({ operator, key: { value: k.key, loc: k.keyLoc }, values, loc: k.keyLoc });
    }
  }
  return r.errors.length > before ? undefined : clauses;
}

function conditionValues(r: Reporter, node: JsonNode): Array<Located<ConditionValue>> | undefined {
  const single = conditionValue(node);
  if (single) return [single];
  if (node.kind !== 'array' || node.items.length === 0) {
    typeError(r, node, CONDITION_VALUE);
    return undefined;
  }
  const out: Array<Located<ConditionValue>> = [];
  let bad = false;
  for (const item of node.items) {
    const v = conditionValue(item);
    if (v) out.push(v);
    else {
      typeError(r, item, 'a string, number or boolean');
      bad = true;
    }
  }
  return bad ? undefined : out;
}
