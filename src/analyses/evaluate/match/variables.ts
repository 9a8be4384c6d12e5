/**
 * Policy variables (IAM UG, "IAM policy elements: Variables and tags"): `${aws:username}`,
 * `${aws:PrincipalTag/team, 'company-wide'}` (a default in single quotes after a comma), and the
 * escapes `${*}`, `${?}`, `${$}` for characters that would otherwise be special. Variables exist
 * only in `Version: 2012-10-17` documents: "If you don't include the Version element ...
 * variables like ${aws:username} are treated as literal strings in the policy."
 *
 * A template is parsed once; matchers resolve it per request. Resolved text comes back as parts
 * that say whether their `*` and `?` are wildcards: only characters the policy wrote itself are,
 * never the characters an escape stands for (that is what escapes are for), nor the characters a
 * variable's value or default brings in (values are data; AWS does not say either way, and tag
 * values and user names cannot contain `*` or `?` anyway).
 */
import type { PolicyVersion } from '../../../model/policy.js';
import { compileArnPattern, type Token, tokensToRegexSource } from './arn-pattern.js';
import type { RequestContext } from './request-context.js';

export type TemplatePart =
  /** Characters as the policy wrote them; `*` and `?` in them are wildcards where the operator has any. */
  | { readonly kind: 'text'; readonly text: string }
  /** What `${*}`, `${?}` and `${$}` stand for: always matched literally. */
  | { readonly kind: 'escape'; readonly text: string }
  | {
      readonly kind: 'variable';
      /** The context key as written, e.g. `aws:PrincipalTag/team`. */
      readonly name: string;
      readonly lowerName: string;
      /** The default from `${key, 'default'}`, used when the key has no single value. */
      readonly fallback: string | undefined;
      /** The variable as written, for explanations. */
      readonly source: string;
    };

export interface Template {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
}

/** A piece of a resolved template; wildcards count only where `pattern` is true. */
export interface ResolvedPart {
  readonly text: string;
  readonly pattern: boolean;
}

const NO_CONTEXT: RequestContext = { get: () => undefined };

const ESCAPES: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };

/** Parses a policy string once. Malformed `${` (no closing brace, a bad default) stays literal text. */
export function parseTemplate(text: string, version: PolicyVersion): Template {
  if (version !== '2012-10-17' || !text.includes('${')) {
    return { source: text, parts: text === '' ? [] : [{ kind: 'text', text }] };
  }
  const parts: TemplatePart[] = [];
  let buffer = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('${', i);
    if (at < 0) {
      buffer += text.slice(i);
      break;
    }
    buffer += text.slice(i, at);
    const found = readVariable(text, at);
    if (!found) {
      buffer += '${';
      i = at + 2;
      continue;
    }
    if (buffer) parts.push({ kind: 'text', text: buffer });
    buffer = '';
    const prev = parts[parts.length - 1];
    if (found.part.kind === 'escape' && prev?.kind === 'escape') {
      parts[parts.length - 1] = { kind: 'escape', text: prev.text + found.part.text };
    } else parts.push(found.part);
    i = found.end;
  }
  if (buffer) parts.push({ kind: 'text', text: buffer });
  return { source: text, parts };
}

function readVariable(text: string, at: number): { part: TemplatePart; end: number } | undefined {
  const start = at + 2;
  const escaped = ESCAPES[text[start] ?? ''];
  if (escaped !== undefined && text[start + 1] === '}') {
    return { part: { kind: 'escape', text: escaped }, end: start + 2 };
  }
  let j = start;
  while (j < text.length && text[j] !== '}' && text[j] !== ',') {
    if (text[j] === '$' || text[j] === '{') return undefined;
    j++;
  }
  const name = text.slice(start, j).trim();
  if (j >= text.length || name === '') return undefined;
  let fallback: string | undefined;
  let end: number;
  if (text[j] === '}') end = j + 1;
  else {
    // "surround the default value with single quotes (' '), and separate the variable text and
    // the default value with a comma and space (, )"
    let k = skipSpaces(text, j + 1);
    if (text[k] !== "'") return undefined;
    const close = text.indexOf("'", k + 1);
    if (close < 0) return undefined;
    fallback = text.slice(k + 1, close);
    k = skipSpaces(text, close + 1);
    if (text[k] !== '}') return undefined;
    end = k + 1;
  }
  const source = text.slice(at, end);
  return { part: { kind: 'variable', name, lowerName: name.toLowerCase(), fallback, source }, end };
}

function skipSpaces(text: string, from: number): number {
  let k = from;
  while (text[k] === ' ') k++;
  return k;
}

/** True when resolving the template needs the request context. */
export function hasVariables(t: Template): boolean {
  return t.parts.some((p) => p.kind === 'variable');
}

/**
 * A variable's value: a single-valued key's string, else its default. A multivalued key counts as
 * no value: "you can't use a multivalued context key as a policy variable" (IAM UG, "Single-valued
 * vs. multivalued context keys", Key points).
 */
function variableValue(part: { lowerName: string; fallback: string | undefined }, ctx: RequestContext) {
  const value = ctx.get(part.lowerName);
  return typeof value === 'string' ? value : part.fallback;
}

/** The template as one string for the request, or undefined when a variable has no value and no default. */
export function resolveTemplate(t: Template, ctx: RequestContext): string | undefined {
  const { parts } = t;
  if (parts.length === 1 && parts[0]!.kind !== 'variable') return parts[0]!.text;
  let out = '';
  for (const part of parts) {
    if (part.kind !== 'variable') out += part.text;
    else {
      const value = variableValue(part, ctx);
      if (value === undefined) return undefined;
      out += value;
    }
  }
  return out;
}

/** Like resolveTemplate, but keeps apart the policy's own characters (wildcards) from literal ones. */
export function resolveTemplateParts(t: Template, ctx: RequestContext): ResolvedPart[] | undefined {
  const out: ResolvedPart[] = [];
  for (const part of t.parts) {
    const text = part.kind === 'variable' ? variableValue(part, ctx) : part.text;
    if (text === undefined) return undefined;
    out.push({ text, pattern: part.kind === 'text' });
  }
  return out;
}

/**
 * Wraps a compile step so it runs once for a template without variables, and again for a template
 * with variables only when their values change from one request to the next (requests in a batch
 * mostly share a principal). Returns undefined for a request that leaves a variable unresolved.
 */
export function compileTemplate<T>(
  t: Template,
  compile: (parts: readonly ResolvedPart[]) => T,
): (ctx: RequestContext) => T | undefined {
  const variables = t.parts.filter((p) => p.kind === 'variable');
  if (variables.length === 0) {
    const constant = compile(resolveTemplateParts(t, NO_CONTEXT)!);
    return () => constant;
  }
  let lastKey: string | undefined;
  let last: T | undefined;
  return (ctx) => {
    let key = '';
    for (const v of variables) {
      const value = variableValue(v, ctx);
      if (value === undefined) return undefined;
      key += `${value.length}:${value}`;
    }
    if (key !== lastKey) {
      const parts = resolveTemplateParts(t, ctx)!;
      last = compile(parts);
      lastKey = key;
    }
    return last;
  };
}

/**
 * ARN matcher tokens for resolved parts, with the segment rules of arn-pattern.ts: `*`/`?` stay in
 * their colon-delimited segment except in the sixth, and a trailing `*` of a pattern with fewer than
 * six segments spans the rest. Colons count wherever they come from, since AWS matches the
 * substituted string.
 */
export function arnTokensFromParts(parts: readonly ResolvedPart[]): Token[] {
  const tokens: Token[] = [];
  let segment = 0;
  for (const { text, pattern } of parts) {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      const excl = segment < 5 ? ':' : '';
      if (ch === ':' && segment < 5) {
        segment++;
        tokens.push({ kind: 'lit', ch });
      } else if (pattern && ch === '*') tokens.push({ kind: 'star', excl });
      else if (pattern && ch === '?') tokens.push({ kind: 'one', excl });
      else tokens.push({ kind: 'lit', ch });
    }
  }
  const last = tokens[tokens.length - 1];
  if (segment < 5 && last?.kind === 'star') tokens[tokens.length - 1] = { kind: 'star', excl: '' };
  return tokens;
}

/** One compiled ARN pattern for resolved parts; plain policy text goes through compileArnPattern itself. */
export function compileArnParts(parts: readonly ResolvedPart[]): (arn: string) => boolean {
  if (parts.every((p) => p.pattern)) {
    const compiled = compileArnPattern(parts.map((p) => p.text).join(''), { variables: 'literal' });
    return (arn) => compiled.test(arn);
  }
  const tokens = arnTokensFromParts(parts);
  if (tokens.every((t) => t.kind === 'lit')) {
    const literal = tokens.map((t) => (t.kind === 'lit' ? t.ch : '')).join('');
    return (arn) => arn === literal;
  }
  const re = new RegExp(tokensToRegexSource(tokens));
  return (arn) => re.test(arn);
}

export interface ResourceMatcher {
  readonly matcher: (arn: string) => boolean;
}

const resourceCache = new WeakMap<Template, (ctx: RequestContext) => ResourceMatcher | undefined>();

/**
 * The Resource / NotResource pattern for this request, or undefined when a variable has no value:
 * "the resource that includes a policy variable with no value will not match any resource"
 * (IAM UG, "Variables and tags", Policy variables with no value). Compiled once per template and
 * set of variable values.
 */
export function resolveResourcePattern(t: Template, ctx: RequestContext): ResourceMatcher | undefined {
  let resolve = resourceCache.get(t);
  if (!resolve) {
    resolve = compileTemplate(t, (parts) => ({ matcher: compileArnParts(parts) }));
    resourceCache.set(t, resolve);
  }
  return resolve(ctx);
}
