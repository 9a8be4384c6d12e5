/**
 * Resource patterns as IAM reads them: `*` and `?` match within an ARN segment, except that a `*`
 * ending a pattern with fewer than six segments spans the rest (arn:aws:s3:*), and in the
 * resource segment (the sixth) they match anything, `/` and `:` included (IAM UG, "Resource").
 */

/** One matcher step; `excl` lists characters the step may not consume. */
export type Token =
  | { kind: 'lit'; ch: string }
  | { kind: 'one'; excl: string }
  | { kind: 'star'; excl: string };

export interface PatternOptions {
  /**
   * How `${...}` policy variables are read: `wildcard` (value unknown: any text, for linting),
   * `literal` (2008-10-17 documents: the characters themselves). Evaluation substitutes values first.
   */
  variables: 'wildcard' | 'literal';
}

const ESCAPES: Record<string, string> = { '${*}': '*', '${?}': '?', '${$}': '$' };

/** Tokenizes a policy resource pattern with IAM's segment rules. */
export function tokenizeArnPattern(pattern: string, options: PatternOptions): Token[] {
  const tokens: Token[] = [];
  let segment = 0;
  const segmentExcl = () => (segment < 5 ? ':' : '');
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '$' && pattern[i + 1] === '{' && options.variables === 'wildcard') {
      const end = pattern.indexOf('}', i);
      if (end > 0) {
        const text = pattern.slice(i, end + 1);
        const escaped = ESCAPES[text];
        if (escaped !== undefined) tokens.push({ kind: 'lit', ch: escaped });
        else tokens.push({ kind: 'star', excl: segmentExcl() });
        i = end;
        continue;
      }
    }
    if (ch === ':' && segment < 5) {
      segment++;
      tokens.push({ kind: 'lit', ch });
    } else if (ch === '*') tokens.push({ kind: 'star', excl: segmentExcl() });
    else if (ch === '?') tokens.push({ kind: 'one', excl: segmentExcl() });
    else tokens.push({ kind: 'lit', ch });
  }
  // A short pattern ending in * reaches over the missing segments.
  const last = tokens[tokens.length - 1];
  if (segment < 5 && last?.kind === 'star') tokens[tokens.length - 1] = { kind: 'star', excl: '' };
  return tokens;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function classFor(excl: string): string {
  return excl ? `[^${escapeRegex(excl)}]` : '[\\s\\S]';
}

/** A regular expression source, anchored, equivalent to the tokens. */
export function tokensToRegexSource(tokens: readonly Token[]): string {
  let out = '';
  for (const t of tokens) {
    if (t.kind === 'lit') out += escapeRegex(t.ch);
    else if (t.kind === 'one') out += classFor(t.excl);
    else out += `${classFor(t.excl)}*`;
  }
  return `^${out}$`;
}

export interface CompiledArnPattern {
  readonly pattern: string;
  /** True when the concrete resource string is matched by the pattern. */
  test(resource: string): boolean;
}

/** Compiles once; literal patterns compare as strings, the rest through one anchored RegExp. */
export function compileArnPattern(pattern: string, options: PatternOptions): CompiledArnPattern {
  const tokens = tokenizeArnPattern(pattern, options);
  if (tokens.every((t) => t.kind === 'lit')) {
    const literal = tokens.map((t) => (t.kind === 'lit' ? t.ch : '')).join('');
    return { pattern, test: (r) => r === literal };
  }
  if (pattern === '*') return { pattern, test: () => true };
  const re = new RegExp(tokensToRegexSource(tokens));
  return { pattern, test: (r) => re.test(r) };
}

function compatible(a: Token, b: Token): boolean {
  if (a.kind === 'lit') return b.kind === 'lit' ? a.ch === b.ch : !b.excl.includes(a.ch);
  if (b.kind === 'lit') return !a.excl.includes(b.ch);
  return true; // the alphabet is large enough that two exclusion sets always leave a common character
}

/** True when some string is matched by both token sequences (product-automaton search). */
export function tokensIntersect(a: readonly Token[], b: readonly Token[]): boolean {
  const width = b.length + 1;
  const seen = new Uint8Array((a.length + 1) * width);
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number) => {
    const id = i * width + j;
    if (!seen[id]) {
      seen[id] = 1;
      stack.push(id);
    }
  };
  while (stack.length > 0) {
    const id = stack.pop()!;
    const i = Math.floor(id / width);
    const j = id % width;
    if (i === a.length && j === b.length) return true;
    const ta = a[i];
    const tb = b[j];
    if (ta?.kind === 'star') push(i + 1, j);
    if (tb?.kind === 'star') push(i, j + 1);
    if (ta && tb && compatible(ta, tb)) push(ta.kind === 'star' ? i : i + 1, tb.kind === 'star' ? j : j + 1);
  }
  return false;
}
