/**
 * One Condition clause (`"Operator": {"key": values}`), compiled once and tested per request.
 * Semantics: IAM UG "IAM JSON policy elements: Condition operators" and "Creating a condition with
 * multiple keys or values" (set operators); summary in aws-facts §5.2. Everything the policy fixes
 * (numbers, dates, CIDRs, globs, variable-free strings) is parsed at compile time (see
 * condition-utils/values.ts), not in `test`.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { ConditionClause, PolicyVersion } from '../../../model/policy.js';
import type { ContextValue } from '../../../model/request.js';
import { ALL_OPERATORS, type ParsedOperator, parseOperator } from './condition-operator.js';
import { parseBool } from './condition-utils/scalars.js';
import {
  type Compiled,
  compileArn,
  compileBinary,
  compileBool,
  compileIp,
  compileOrdered,
  compileString,
  describeWritten,
  type Result,
} from './condition-utils/values.js';
import type { RequestContext } from './request-context.js';

export interface CompiledCondition {
  /** The operator as written. */
  readonly operator: string;
  /** The key as written. */
  readonly key: string;
  /** True when the clause holds for the request. */
  test(ctx: RequestContext): boolean;
  /**
   * One line for explanations when test() is false: key, request value(s) or "absent", policy
   * values, e.g. `StringEquals aws:PrincipalTag/team: request "blue", policy "red"`.
   */
  explain(ctx: RequestContext): string;
}

class Condition implements CompiledCondition {
  readonly operator: string;
  readonly key: string;
  private readonly lowerKey: string;
  private readonly negated: boolean;
  private readonly set: ParsedOperator['set'];
  private readonly whenAbsent: boolean;
  private readonly compiled: Compiled;

  constructor(operator: string, key: string, op: ParsedOperator, compiled: Compiled) {
    this.operator = operator;
    this.key = key;
    this.lowerKey = key.toLowerCase();
    this.negated = op.negated;
    this.set = op.set;
    this.compiled = compiled;
    // "If the key ... is not present in the request context, the values do not match and the
    // condition is false. If the policy condition requires that the key is not matched, such as
    // StringNotLike or ArnNotLike, and the right key is not present, the condition is true. This
    // logic applies to all condition operators except ...IfExists and Null check." Set operators:
    // ForAllValues "also returns true if there are no keys in the request"; ForAnyValue: "For no
    // matching key or a null dataset, the condition returns false."
    this.whenAbsent = op.ifExists || (op.set === null ? op.negated : op.set === 'ForAllValues');
  }

  test(ctx: RequestContext): boolean {
    const raw = ctx.get(this.lowerKey);
    // An empty list is a key without values: the "null data set" of the set-operator page, and
    // what a Null check with "false" guards against (IAM UG, "Multivalued context key examples").
    if (raw === undefined || (typeof raw !== 'string' && raw.length === 0)) return this.whenAbsent;
    const { negated, set } = this;
    const anyMatch = this.compiled.anyMatch;
    if (typeof raw === 'string') {
      // "ForAllValues ... also returns true if ... the key values resolve to a null data set,
      // such as an empty string" (IAM UG, "Creating a condition with multiple keys or values").
      if (set !== null && raw === '') return set === 'ForAllValues';
      return anyMatch(raw, ctx) !== negated;
    }
    if (set === 'ForAllValues') {
      for (const v of raw) if (anyMatch(v, ctx) === negated) return false;
      return true;
    }
    if (set === 'ForAnyValue') {
      for (const v of raw) if (anyMatch(v, ctx) !== negated) return true;
      return false;
    }
    // Several request values without a set operator: the docs only say not to do this ("Multivalued
    // context keys require a condition set operator"). We read it as AWS reads negated operators:
    // a positive operator holds when some value matches, a negated one when no value does.
    for (const v of raw) if (anyMatch(v, ctx)) return !negated;
    return negated;
  }

  explain(ctx: RequestContext): string {
    return `${this.operator} ${this.key}: request ${describeRequest(ctx.get(this.lowerKey))}, policy ${this.compiled.describe(ctx)}`;
  }
}

/** Null: `"true"` holds when the key is absent, `"false"` when present (IAM UG, "Null check"). */
class NullCondition implements CompiledCondition {
  readonly operator: string;
  readonly key: string;
  private readonly lowerKey: string;
  private readonly whenAbsent: boolean;
  private readonly whenPresent: boolean;
  private readonly written: string;

  constructor(operator: string, key: string, wants: boolean[], written: string) {
    this.operator = operator;
    this.key = key;
    this.lowerKey = key.toLowerCase();
    this.whenAbsent = wants.includes(true);
    this.whenPresent = wants.includes(false);
    this.written = written;
  }

  test(ctx: RequestContext): boolean {
    const raw = ctx.get(this.lowerKey);
    return raw === undefined || (typeof raw !== 'string' && raw.length === 0)
      ? this.whenAbsent
      : this.whenPresent;
  }

  explain(ctx: RequestContext): string {
    return `${this.operator} ${this.key}: request ${describeRequest(ctx.get(this.lowerKey))}, policy ${this.written}`;
  }
}

function describeRequest(raw: ContextValue | undefined): string {
  if (raw === undefined) return 'absent';
  if (typeof raw === 'string') return JSON.stringify(raw);
  return `[${raw.map((v) => JSON.stringify(v)).join(', ')}]`;
}

function unknownOperator(text: string): string {
  const lower = text.toLowerCase();
  if (lower.endsWith('ifexists') && parseOperator(text.slice(0, -'IfExists'.length))?.family === 'Null') {
    return `condition operator ${JSON.stringify(text)}: Null takes no IfExists, it already tests whether the key exists`;
  }
  const guess = closest(text, ALL_OPERATORS as string[]);
  const hint = distance(text.toLowerCase(), guess.toLowerCase()) <= 3 ? ` (did you mean "${guess}"?)` : '';
  return `unknown condition operator ${JSON.stringify(text)}${hint}`;
}

/** Compiles one clause, or explains why AWS could not evaluate it. */
export function compileCondition(
  clause: ConditionClause,
  version: PolicyVersion,
): CompiledCondition | { error: string } {
  const operator = clause.operator.value;
  const key = clause.key.value;
  const op = parseOperator(operator);
  if (!op) return { error: unknownOperator(operator) };
  const where = `${operator} ${key}`;
  const values = clause.values.map((v) => v.value);
  if (values.length === 0) return { error: `${where}: no values to compare with` };
  let result: Result;
  switch (op.family) {
    case 'Null': {
      const wants: boolean[] = [];
      const errors: string[] = [];
      for (const value of values) {
        const b =
          typeof value === 'boolean' ? value : typeof value === 'string' ? parseBool(value) : undefined;
        if (b === undefined) errors.push(`${where}: ${JSON.stringify(value)} is not "true" or "false"`);
        else wants.push(b);
      }
      if (errors.length > 0) return { error: errors.join('; ') };
      // A ForAllValues:/ForAnyValue: prefix changes nothing: Null looks at the key, not its values.
      return new NullCondition(operator, key, wants, describeWritten(values)());
    }
    case 'String':
      result = compileString(op.base, values, version);
      break;
    case 'Arn':
      result = compileArn(values, version);
      break;
    case 'Numeric':
    case 'Date':
      result = compileOrdered(op.family, op.base, values, where);
      break;
    case 'Bool':
      result = compileBool(values, version, where);
      break;
    case 'Binary':
      result = compileBinary(values, where);
      break;
    case 'IpAddress':
      result = compileIp(values, where);
      break;
  }
  if ('errors' in result) return { error: result.errors.join('; ') };
  return new Condition(operator, key, op, result);
}

/** All clauses of a statement (AND). Every clause is compiled so that all errors are reported. */
export function compileConditions(
  clauses: ConditionClause[],
  version: PolicyVersion,
): { conditions: CompiledCondition[] } | { error: string } {
  const conditions: CompiledCondition[] = [];
  const errors: string[] = [];
  for (const clause of clauses) {
    const compiled = compileCondition(clause, version);
    if ('error' in compiled) errors.push(compiled.error);
    else conditions.push(compiled);
  }
  return errors.length > 0 ? { error: errors.join('; ') } : { conditions };
}
