import { describe, expect, it } from 'vitest';
import type { PolicyVersion } from '../../../model/policy.js';
import type { ContextValue } from '../../../model/request.js';
import { buildRequestContext } from './request-context.js';
import {
  hasVariables,
  parseTemplate,
  resolveResourcePattern,
  resolveTemplate,
  resolveTemplateParts,
} from './variables.js';

// IAM UG, "IAM policy elements: Variables and tags" (VARS below).

describe('parseTemplate', () => {
  it.each([
    ['plain text', 'arn:aws:s3:::b/*', [{ kind: 'text', text: 'arn:aws:s3:::b/*' }]],
    [
      'a variable',
      'home/${aws:username}/',
      [
        { kind: 'text', text: 'home/' },
        { kind: 'variable', name: 'aws:username', lowerName: 'aws:username', fallback: undefined },
        { kind: 'text', text: '/' },
      ],
    ],
    [
      'a default after a comma and space (VARS: Specifying default values)',
      "${aws:PrincipalTag/team, 'company-wide'}",
      [
        {
          kind: 'variable',
          name: 'aws:PrincipalTag/team',
          lowerName: 'aws:principaltag/team',
          fallback: 'company-wide',
        },
      ],
    ],
    [
      'a default without the space',
      "${aws:userid,'anonymous'}",
      [{ kind: 'variable', fallback: 'anonymous' }],
    ],
    ['an empty default', "${aws:userid, ''}", [{ kind: 'variable', fallback: '' }]],
    ['a default holding a brace', "${aws:userid, 'a}b'}", [{ kind: 'variable', fallback: 'a}b' }]],
    [
      'tag keys may hold spaces',
      '${aws:PrincipalTag/cost center}',
      [{ kind: 'variable', name: 'aws:PrincipalTag/cost center' }],
    ],
    [
      'escapes (VARS: Special characters), merged when adjacent',
      'a${*}${?}${$}b',
      [
        { kind: 'text', text: 'a' },
        { kind: 'escape', text: '*?$' },
        { kind: 'text', text: 'b' },
      ],
    ],
    ['no closing brace stays text', 'a${aws:username', [{ kind: 'text', text: 'a${aws:username' }]],
    ['an empty name stays text', 'a${}b', [{ kind: 'text', text: 'a${}b' }]],
    [
      'a default without quotes stays text',
      '${aws:userid, anonymous}',
      [{ kind: 'text', text: '${aws:userid, anonymous}' }],
    ],
    ['a lone dollar is text', 'cost$5', [{ kind: 'text', text: 'cost$5' }]],
    ['the empty string has no parts', '', []],
  ])('%s', (_id, text, parts) => {
    const t = parseTemplate(text, '2012-10-17');
    expect(t.source).toBe(text);
    expect(t.parts).toHaveLength(parts.length);
    for (const [i, p] of t.parts.entries()) expect(p).toMatchObject(parts[i]!);
  });

  it('keeps 2008-10-17 text literal (VARS: "treated as literal strings")', () => {
    const t = parseTemplate('home/${aws:username}/${*}', '2008-10-17');
    expect(t.parts).toEqual([{ kind: 'text', text: 'home/${aws:username}/${*}' }]);
    expect(hasVariables(t)).toBe(false);
  });

  it('hasVariables: escapes are no variables', () => {
    expect(hasVariables(parseTemplate('a${*}', '2012-10-17'))).toBe(false);
    expect(hasVariables(parseTemplate('a${aws:username}', '2012-10-17'))).toBe(true);
  });
});

describe('resolveTemplate', () => {
  const ctx = (c: Record<string, ContextValue>) => buildRequestContext(c);
  it.each([
    ['substitutes a value', 'home/${aws:username}', { 'aws:username': 'alice' }, 'home/alice'],
    ['looks the key up case-insensitively', '${AWS:USERNAME}', { 'aws:username': 'alice' }, 'alice'],
    ['no value and no default: unresolved', 'home/${aws:username}', {}, undefined],
    ['default when there is no value', "${aws:userid, 'anonymous'}", {}, 'anonymous'],
    [
      'a multivalued key is no value (SVMV Key points)',
      '${aws:TagKeys}',
      { 'aws:TagKeys': ['a'] },
      undefined,
    ],
    ['an empty string is a value', '[${aws:username}]', { 'aws:username': '' }, '[]'],
    ['escapes become their characters', '${$}{x}${*}', {}, '${x}*'],
    [
      'one round only: a value is not re-read as a variable',
      '${aws:username}',
      { 'aws:username': '${aws:userid}' },
      '${aws:userid}',
    ],
  ])('%s', (_id, text, context, expected) => {
    expect(resolveTemplate(parseTemplate(text, '2012-10-17'), ctx(context))).toBe(expected);
  });

  it('resolveTemplateParts marks which characters may be wildcards', () => {
    const t = parseTemplate('a*${*}${aws:username}', '2012-10-17');
    expect(resolveTemplateParts(t, ctx({ 'aws:username': 'u?' }))).toEqual([
      { text: 'a*', pattern: true },
      { text: '*', pattern: false },
      { text: 'u?', pattern: false },
    ]);
    expect(resolveTemplateParts(t, ctx({}))).toBeUndefined();
  });
});

describe('resolveResourcePattern (IAM UG, Resource element + VARS)', () => {
  const match = (
    pattern: string,
    arn: string,
    context: Record<string, ContextValue>,
    version: PolicyVersion = '2012-10-17',
  ) => {
    const m = resolveResourcePattern(parseTemplate(pattern, version), buildRequestContext(context));
    return m === undefined ? 'no match: unresolved' : m.matcher(arn);
  };

  it.each([
    [
      'home directory (VARS example)',
      'arn:aws:s3:::mybucket/${aws:username}/*',
      'arn:aws:s3:::mybucket/alice/a/b',
      { 'aws:username': 'alice' },
      true,
    ],
    [
      "someone else's directory",
      'arn:aws:s3:::mybucket/${aws:username}/*',
      'arn:aws:s3:::mybucket/bob/a',
      { 'aws:username': 'alice' },
      false,
    ],
    [
      'no value matches no resource (VARS: "will not match any resource")',
      'arn:aws:s3:::mybucket/${aws:username}/*',
      'arn:aws:s3:::mybucket/alice/a',
      {},
      'no match: unresolved',
    ],
    [
      'default value',
      "arn:aws:s3:::b/${aws:PrincipalTag/team, 'shared'}/*",
      'arn:aws:s3:::b/shared/x',
      {},
      true,
    ],
    ['escaped star is literal', 'arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/*', {}, true],
    ['escaped star is no wildcard', 'arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/x', {}, false],
    [
      'escaped star next to a variable',
      'arn:aws:s3:::b/${aws:username}${*}',
      'arn:aws:s3:::b/al*',
      { 'aws:username': 'al' },
      true,
    ],
    [
      'escaped star next to a variable is no wildcard',
      'arn:aws:s3:::b/${aws:username}${*}',
      'arn:aws:s3:::b/alx',
      { 'aws:username': 'al' },
      false,
    ],
    [
      "a value's star is no wildcard (OURS)",
      'arn:aws:s3:::b/${aws:username}',
      'arn:aws:s3:::b/x',
      { 'aws:username': '*' },
      false,
    ],
    [
      'segment rules still apply around a variable',
      'arn:aws:sqs:us-east-2:*:${aws:username}-queue',
      'arn:aws:sqs:us-east-2:111122223333:al-queue',
      { 'aws:username': 'al' },
      true,
    ],
    [
      'the account star stays in its segment',
      'arn:aws:sqs:*:${aws:username}',
      'arn:aws:sqs:us-east-1:1:al',
      { 'aws:username': 'al' },
      false,
    ],
    ['* matches every resource', '*', 'arn:aws:s3:::b/k', {}, true],
  ])('%s', (_id, pattern, arn, context, expected) => {
    expect(match(pattern, arn, context)).toBe(expected);
  });

  it('reads variables and escapes as literal text in 2008-10-17 documents (VARS)', () => {
    const ctx = { 'aws:username': 'al' };
    expect(match('arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/${aws:username}', ctx, '2008-10-17')).toBe(
      true,
    );
    expect(match('arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/al', ctx, '2008-10-17')).toBe(false);
    // ${*} is no escape there: its star is a wildcard, as compileArnPattern reads literal patterns.
    expect(match('arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/${x}', ctx, '2008-10-17')).toBe(true);
  });

  it('follows the variable from one request to the next', () => {
    const t = parseTemplate('arn:aws:s3:::b/${aws:username}/*', '2012-10-17');
    const arn = 'arn:aws:s3:::b/a/k';
    expect(resolveResourcePattern(t, buildRequestContext({ 'aws:username': 'a' }))?.matcher(arn)).toBe(true);
    expect(resolveResourcePattern(t, buildRequestContext({ 'aws:username': 'b' }))?.matcher(arn)).toBe(false);
    expect(resolveResourcePattern(t, buildRequestContext({ 'aws:username': 'a' }))?.matcher(arn)).toBe(true);
  });

  it('compiles a variable-free pattern once', () => {
    const t = parseTemplate('arn:aws:s3:::b/*', '2012-10-17');
    expect(resolveResourcePattern(t, buildRequestContext({}))).toBe(
      resolveResourcePattern(t, buildRequestContext({})),
    );
  });
});
