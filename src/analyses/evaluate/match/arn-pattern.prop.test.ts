import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileArnPattern, tokenizeArnPattern, tokensIntersect } from './arn-pattern.js';

/**
 * A slow matcher written straight from the IAM UG ("Resource"): split both strings into the six
 * ARN parts; match each of the first five parts on its own, `*`/`?` not leaving the part; in the
 * sixth part `*` and `?` match anything. A pattern with fewer parts whose last part ends in `*`
 * lets that final `*` take the rest of the ARN.
 */
function glob(p: string, s: string): boolean {
  if (p === '') return s === '';
  const c = p[0]!;
  if (c === '*') {
    for (let k = 0; k <= s.length; k++) if (glob(p.slice(1), s.slice(k))) return true;
    return false;
  }
  if (s === '') return false;
  return (c === '?' || c === s[0]) && glob(p.slice(1), s.slice(1));
}

function split6(s: string): string[] {
  const parts = s.split(':');
  return parts.length <= 6 ? parts : [...parts.slice(0, 5), parts.slice(5).join(':')];
}

function referenceMatch(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const p = split6(pattern);
  const a = split6(arn);
  if (p.length === 6) return a.length === 6 && p.every((seg, i) => glob(seg, a[i]!));
  const last = p[p.length - 1]!;
  if (!last.endsWith('*') || a.length < p.length) return false;
  for (let i = 0; i < p.length - 1; i++) if (!glob(p[i]!, a[i]!)) return false;
  // The final * spans the rest: the last pattern part (without it) must match a prefix of its part.
  const head = last.slice(0, -1);
  const part = a[p.length - 1]!;
  for (let k = 0; k <= part.length; k++) if (glob(head, part.slice(0, k))) return true;
  return false;
}

const alphabet = fc.constantFrom('a', 'b', '/', ':', '-');
const patAlphabet = fc.constantFrom('a', 'b', '/', ':', '*', '?', '-');
const arnArb = fc
  .tuple(
    fc.constantFrom('aws', 'aws-cn'),
    fc.constantFrom('s3', 'sqs'),
    fc.string({ unit: fc.constantFrom('a', 'b', '-'), maxLength: 3 }),
    fc.string({ unit: fc.constantFrom('1', '2'), maxLength: 3 }),
    fc.string({ unit: alphabet, minLength: 1, maxLength: 6 }),
  )
  .map(([p, s, r, a, res]) => `arn:${p}:${s}:${r}:${a}:${res}`);
/** A pattern made from an ARN by putting wildcards in place of some characters, with that ARN. */
const derivedArb = arnArb.chain((arn) =>
  fc
    .array(fc.tuple(fc.nat({ max: arn.length }), fc.constantFrom('*', '?')), { maxLength: 3 })
    .map((edits) => {
      let out = arn;
      for (const [at, w] of edits) out = out.slice(0, at) + w + out.slice(at + 1);
      return [out, arn] as const;
    }),
);
const patternArb = fc.oneof(
  derivedArb.map(([p]) => p),
  fc.string({ unit: patAlphabet, maxLength: 8 }).map((s) => `arn:aws:${s}`),
);

describe('ARN pattern matching agrees with a reference matcher written from the docs', () => {
  it('compileArnPattern == referenceMatch', () => {
    fc.assert(
      fc.property(patternArb, arnArb, (pattern, arn) => {
        expect(compileArnPattern(pattern, { variables: 'literal' }).test(arn)).toBe(
          referenceMatch(pattern, arn),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('* matches every ARN and a wildcard-free ARN matches itself', () => {
    fc.assert(
      fc.property(arnArb, (arn) => {
        expect(compileArnPattern('*', { variables: 'literal' }).test(arn)).toBe(true);
        expect(compileArnPattern(arn, { variables: 'literal' }).test(arn)).toBe(true);
      }),
    );
  });

  it('a pattern intersects every ARN it matches', () => {
    fc.assert(
      fc.property(derivedArb, ([pattern, arn]) => {
        fc.pre(compileArnPattern(pattern, { variables: 'literal' }).test(arn));
        const t = (s: string) => tokenizeArnPattern(s, { variables: 'literal' });
        expect(tokensIntersect(t(pattern), t(arn))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
