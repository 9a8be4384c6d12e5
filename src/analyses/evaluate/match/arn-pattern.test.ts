import { describe, expect, it } from 'vitest';
import { compileArnPattern, tokenizeArnPattern, tokensIntersect } from './arn-pattern.js';

const wild = { variables: 'wildcard' } as const;

describe('compileArnPattern (IAM UG, Resource element: wildcards within segments)', () => {
  it.each([
    ['star matches everything', '*', 'arn:aws:s3:::b/k', true],
    ['exact ARN', 'arn:aws:s3:::b', 'arn:aws:s3:::b', true],
    ['case-sensitive', 'arn:aws:s3:::B', 'arn:aws:s3:::b', false],
    ['bucket ARN is not object ARN', 'arn:aws:s3:::b', 'arn:aws:s3:::b/k', false],
    ['object wildcard spans slashes', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/a/b/c.json', true],
    ['object wildcard needs the slash', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b', false],
    [
      'resource segment star crosses colons',
      'arn:aws:logs:us-east-1:1:log-group:/ecs/*',
      'arn:aws:logs:us-east-1:1:log-group:/ecs/web:log-stream:x',
      true,
    ],
    ['account star stays in its segment', 'arn:aws:iam::*:role/r', 'arn:aws:iam::111122223333:role/r', true],
    ['region star does not cross into account', 'arn:aws:sqs:us-*:q', 'arn:aws:sqs:us-east-1:1:q', false],
    ['trailing star of a short pattern spans the rest', 'arn:aws:s3:*', 'arn:aws:s3:::b/k', true],
    ['short pattern without star matches nothing', 'arn:aws:s3', 'arn:aws:s3:::b', false],
    ['question mark is one character', 'arn:aws:s3:::b?', 'arn:aws:s3:::b1', true],
    ['question mark is exactly one character', 'arn:aws:s3:::b?', 'arn:aws:s3:::b', false],
    ['bucket prefix', 'arn:aws:s3:::my-*', 'arn:aws:s3:::my-app-data-bucket', true],
    [
      'variable is any value when linting',
      'arn:aws:s3:::b/${aws:username}/*',
      'arn:aws:s3:::b/alice/x',
      true,
    ],
    ['escaped star is literal', 'arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/*', true],
    ['escaped star does not match others', 'arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/x', false],
  ])('%s', (_id, pattern, arn, expected) => {
    expect(compileArnPattern(pattern, wild).test(arn)).toBe(expected);
  });

  it('reads variables literally in 2008-10-17 documents', () => {
    const p = compileArnPattern('arn:aws:s3:::b/${aws:username}', { variables: 'literal' });
    expect(p.test('arn:aws:s3:::b/${aws:username}')).toBe(true);
    expect(p.test('arn:aws:s3:::b/alice')).toBe(false);
  });
});

describe('tokensIntersect', () => {
  const t = (p: string) => tokenizeArnPattern(p, wild);
  it.each([
    ['two literals', 'arn:aws:s3:::b', 'arn:aws:s3:::b', true],
    ['different literals', 'arn:aws:s3:::a', 'arn:aws:s3:::b', false],
    ['prefix star vs suffix star', 'arn:aws:s3:::a*', 'arn:aws:s3:::*b', true],
    ['star vs literal', 'arn:aws:s3:::*', 'arn:aws:s3:::b/k', true],
    ['segment star cannot cover a colon', 'arn:aws:sqs:*', 'arn:aws:sqs:x:y:z', true],
  ])('%s', (_id, a, b, expected) => {
    expect(tokensIntersect(t(a), t(b))).toBe(expected);
  });
});
