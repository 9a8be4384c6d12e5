/**
 * Policy values of one clause, compiled per operator family into one matcher for a request value.
 * Everything the policy fixes (numbers, dates, CIDRs, globs, variable-free strings) is parsed here,
 * once; what depends on policy variables is compiled per request and cached by compileTemplate.
 */
import type { ConditionValue, PolicyVersion } from '../../../../model/policy.js';
import type { RequestContext } from '../request-context.js';
import {
  compileArnParts,
  compileTemplate,
  hasVariables,
  parseTemplate,
  type ResolvedPart,
  resolveTemplate,
  type Template,
} from '../variables.js';
import { compileGlob } from './glob.js';
import { type IpRange, ipMatcher, parseIpRange } from './ip.js';
import { parseBase64, parseBool, parseDate, parseNumber } from './scalars.js';

/** One request value against every policy value of the clause: true when any matches (OR). */
export type AnyMatch = (value: string, ctx: RequestContext) => boolean;

export interface Compiled {
  anyMatch: AnyMatch;
  /** The policy values as the request sees them (variables substituted), for explain(). */
  describe: (ctx: RequestContext) => string;
}

const NO_CONTEXT: RequestContext = { get: () => undefined };

function describeList(items: readonly string[]): string {
  return items.length === 1 ? items[0]! : `[${items.join(', ')}]`;
}

export function describeWritten(values: readonly ConditionValue[]): () => string {
  const text = describeList(values.map((v) => JSON.stringify(v)));
  return () => text;
}

function describeTemplates(values: readonly ConditionValue[], templates: readonly Template[]) {
  const fixed = describeWritten(values)();
  if (!templates.some(hasVariables)) return () => fixed;
  return (ctx: RequestContext) =>
    describeList(
      templates.map((t, i) => {
        if (!hasVariables(t)) return JSON.stringify(values[i]);
        const resolved = resolveTemplate(t, ctx);
        return resolved === undefined ? `${JSON.stringify(t.source)} (no value)` : JSON.stringify(resolved);
      }),
    );
}

export type Result = Compiled | { errors: string[] };

/**
 * Strings, ARNs and booleans may hold policy variables (IAM UG, "Condition operators": "You can use
 * a policy variable with the String / Boolean / ARN condition operator"; the other families say
 * you cannot, so `${` there is plain text and fails to parse). A value whose variable has no value
 * matches nothing, so negated operators hold for it (aws-facts §5.2).
 */
export function compileString(
  base: string,
  values: readonly ConditionValue[],
  version: PolicyVersion,
): Compiled {
  const templates = values.map((v) => parseTemplate(String(v), version));
  const describe = describeTemplates(values, templates);
  if (base === 'StringLike' || base === 'StringNotLike') {
    return { anyMatch: anyOfPatterns(templates, compileGlob), describe };
  }
  const fold = base.endsWith('IgnoreCase');
  const constants = new Set<string>();
  const dynamic: Template[] = [];
  for (const t of templates) {
    if (hasVariables(t)) dynamic.push(t);
    else {
      const text = resolveTemplate(t, NO_CONTEXT)!;
      constants.add(fold ? text.toLowerCase() : text);
    }
  }
  if (dynamic.length === 0) {
    return { anyMatch: fold ? (v) => constants.has(v.toLowerCase()) : (v) => constants.has(v), describe };
  }
  const anyMatch: AnyMatch = (v, ctx) => {
    const wanted = fold ? v.toLowerCase() : v;
    if (constants.has(wanted)) return true;
    for (const t of dynamic) {
      const text = resolveTemplate(t, ctx);
      if (text !== undefined && (fold ? text.toLowerCase() : text) === wanted) return true;
    }
    return false;
  };
  return { anyMatch, describe };
}

/** "Each of the six colon-delimited components of the ARN is checked separately" (ArnEquals = ArnLike). */
export function compileArn(values: readonly ConditionValue[], version: PolicyVersion): Compiled {
  const templates = values.map((v) => parseTemplate(String(v), version));
  const anyMatch = anyOfPatterns(templates, compileArnParts);
  return { anyMatch, describe: describeTemplates(values, templates) };
}

/** OR over pattern values; those without variables are compiled here, the rest per request. */
function anyOfPatterns(
  templates: readonly Template[],
  compile: (parts: readonly ResolvedPart[]) => (v: string) => boolean,
): AnyMatch {
  const fixed: Array<(v: string) => boolean> = [];
  const dynamic: Array<(ctx: RequestContext) => ((v: string) => boolean) | undefined> = [];
  for (const t of templates) {
    const resolve = compileTemplate(t, compile);
    if (hasVariables(t)) dynamic.push(resolve);
    else fixed.push(resolve(NO_CONTEXT)!);
  }
  return (v, ctx) => {
    for (const m of fixed) if (m(v)) return true;
    for (const resolve of dynamic) if (resolve(ctx)?.(v)) return true;
    return false;
  };
}

const COMPARE: Readonly<Record<string, (request: number, policy: number) => boolean>> = {
  Equals: (a, b) => a === b,
  NotEquals: (a, b) => a === b, // negation applied by the caller
  LessThan: (a, b) => a < b,
  LessThanEquals: (a, b) => a <= b,
  GreaterThan: (a, b) => a > b,
  GreaterThanEquals: (a, b) => a >= b,
};

export function compileOrdered(
  family: 'Numeric' | 'Date',
  base: string,
  values: readonly ConditionValue[],
  where: string,
): Result {
  const compare = COMPARE[base.slice(family.length)]!;
  const parse = family === 'Numeric' ? parseNumber : parseDate;
  const errors: string[] = [];
  const numbers: number[] = [];
  for (const value of values) {
    let n = Number.NaN;
    if (typeof value === 'number')
      n = family === 'Numeric' ? value : value * 1000; // JSON number dates: epoch seconds
    else if (typeof value === 'string') n = parse(value);
    if (Number.isFinite(n)) numbers.push(n);
    else {
      const what =
        family === 'Numeric' ? 'a number' : 'a date (ISO 8601, e.g. 2026-01-31T00:00:00Z, or epoch seconds)';
      errors.push(`${where}: ${JSON.stringify(value)} is not ${what}`);
    }
  }
  if (errors.length > 0) return { errors };
  // Request dates are re-read for every policy value otherwise; aws:CurrentTime repeats a lot.
  let lastText: string | undefined;
  let last = Number.NaN;
  const anyMatch: AnyMatch = (v) => {
    if (v !== lastText) {
      last = parse(v);
      lastText = v;
    }
    if (Number.isNaN(last)) return false;
    for (const n of numbers) if (compare(last, n)) return true;
    return false;
  };
  return { anyMatch, describe: describeWritten(values) };
}

export function compileBool(
  values: readonly ConditionValue[],
  version: PolicyVersion,
  where: string,
): Result {
  const errors: string[] = [];
  const wanted = new Set<boolean>();
  const dynamic: Template[] = [];
  const templates: Template[] = [];
  for (const value of values) {
    const t = parseTemplate(String(value), version);
    templates.push(t);
    const b = typeof value === 'boolean' ? value : typeof value === 'string' ? parseBool(value) : undefined;
    if (typeof value === 'string' && hasVariables(t)) dynamic.push(t);
    else if (b === undefined) errors.push(`${where}: ${JSON.stringify(value)} is not "true" or "false"`);
    else wanted.add(b);
  }
  if (errors.length > 0) return { errors };
  const anyMatch: AnyMatch = (v, ctx) => {
    const b = parseBool(v);
    if (b === undefined) return false;
    if (wanted.has(b)) return true;
    for (const t of dynamic) {
      const text = resolveTemplate(t, ctx);
      if (text !== undefined && parseBool(text) === b) return true;
    }
    return false;
  };
  return { anyMatch, describe: describeTemplates(values, templates) };
}

/**
 * "compares the value of the specified key byte for byte against a base-64 encoded representation
 * of the binary value in the policy" (IAM UG, "Condition operators": Binary). Request context values
 * are text, so a binary key arrives base64-encoded as well; both sides are decoded and compared.
 */
export function compileBinary(values: readonly ConditionValue[], where: string): Result {
  const errors: string[] = [];
  const buffers = values.flatMap((value) => {
    const bytes = typeof value === 'string' ? parseBase64(value) : undefined;
    if (!bytes) errors.push(`${where}: ${JSON.stringify(value)} is not base64`);
    return bytes ? [bytes] : [];
  });
  if (errors.length > 0) return { errors };
  let lastText: string | undefined;
  let last: ReturnType<typeof parseBase64>;
  const anyMatch: AnyMatch = (v) => {
    if (v !== lastText) {
      last = parseBase64(v);
      lastText = v;
    }
    const bytes = last;
    return bytes !== undefined && buffers.some((b) => b.equals(bytes));
  };
  return { anyMatch, describe: describeWritten(values) };
}

export function compileIp(values: readonly ConditionValue[], where: string): Result {
  const errors: string[] = [];
  const ranges: IpRange[] = [];
  for (const value of values) {
    const range = typeof value === 'string' ? parseIpRange(value) : undefined;
    if (range) ranges.push(range);
    else
      errors.push(
        `${where}: ${JSON.stringify(value)} is not an IP address or CIDR block (e.g. 203.0.113.0/24)`,
      );
  }
  if (errors.length > 0) return { errors };
  return { anyMatch: ipMatcher(ranges), describe: describeWritten(values) };
}
