import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConditionClause, ConditionValue } from '../../../model/policy.js';
import type { ContextValue } from '../../../model/request.js';
import { type CompiledCondition, compileCondition } from './condition.js';
import { compileGlob } from './condition-utils/glob.js';
import { buildRequestContext } from './request-context.js';

const loc = { file: 'policy.json', pointer: '', line: 1, column: 1 };
const KEY = 'test:Key';

function compile(operator: string, values: ConditionValue[]): CompiledCondition {
  const clause: ConditionClause = {
    operator: { value: operator, loc },
    key: { value: KEY, loc },
    values: values.map((value) => ({ value, loc })),
    loc,
  };
  const c = compileCondition(clause, '2012-10-17');
  if ('error' in c) throw new Error(c.error);
  return c;
}

const test = (operator: string, values: ConditionValue[], request: ContextValue) =>
  compile(operator, values).test(buildRequestContext({ [KEY]: request }));

/** Policy values and request values of one family that match each other often enough to matter. */
interface Family {
  policy: fc.Arbitrary<string>;
  request: fc.Arbitrary<string>;
}

const str = (chars: string[], max = 4) => fc.string({ unit: fc.constantFrom(...chars), maxLength: max });
const octet = fc.integer({ min: 0, max: 3 }).map((n) => [0, 10, 128, 255][n]!);
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const seconds = fc.integer({ min: 1_577_836_800, max: 1_577_836_810 });
const isoOrEpoch = seconds.chain((s) =>
  fc.constantFrom(
    String(s),
    new Date(s * 1000).toISOString(),
    `${new Date(s * 1000).toISOString().slice(0, 19)}Z`,
  ),
);
const arn = fc
  .tuple(str(['a', 'b'], 2), str(['1', '2'], 2), str(['a', '/', ':'], 3))
  .map(([r, a, res]) => `arn:aws:sqs:${r}:${a}:${res}`);
const arnPattern = fc
  .tuple(str(['a', 'b', '*', '?'], 2), str(['1', '2', '*'], 2), str(['a', '/', ':', '*', '?'], 3))
  .map(([r, a, res]) => `arn:aws:sqs:${r}:${a}:${res}`);

const FAMILIES: Record<string, Family> = {
  String: { policy: str(['a', 'b', 'A']), request: str(['a', 'b', 'A']) },
  StringLike: { policy: str(['a', 'b', '*', '?', '\n']), request: str(['a', 'b', '\n']) },
  Numeric: {
    policy: fc.integer({ min: -3, max: 3 }).map(String),
    request: fc.oneof(fc.integer({ min: -3, max: 3 }).map(String), fc.constant('x')),
  },
  Date: { policy: isoOrEpoch, request: isoOrEpoch },
  Ip: {
    policy: fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([a, bits]) => `${a}/${bits}`),
    request: ipv4,
  },
  Arn: { policy: arnPattern, request: arn },
};

/** X and NotX, where the IAM UG defines both (Condition operators). */
const PAIRS: Array<[string, string, Family]> = [
  ['StringEquals', 'StringNotEquals', FAMILIES.String!],
  ['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', FAMILIES.String!],
  ['StringLike', 'StringNotLike', FAMILIES.StringLike!],
  ['NumericEquals', 'NumericNotEquals', FAMILIES.Numeric!],
  ['DateEquals', 'DateNotEquals', FAMILIES.Date!],
  ['IpAddress', 'NotIpAddress', FAMILIES.Ip!],
  ['ArnEquals', 'ArnNotEquals', FAMILIES.Arn!],
  ['ArnLike', 'ArnNotLike', FAMILIES.Arn!],
];

/** Every base operator but Null, with the family of its values. */
const BASES: Array<[string, Family]> = [
  ...PAIRS.flatMap(
    ([x, notX, family]): Array<[string, Family]> => [
      [x, family],
      [notX, family],
    ],
  ),
  ...['LessThan', 'LessThanEquals', 'GreaterThan', 'GreaterThanEquals'].flatMap(
    (cmp): Array<[string, Family]> => [
      [`Numeric${cmp}`, FAMILIES.Numeric!],
      [`Date${cmp}`, FAMILIES.Date!],
    ],
  ),
  [
    'Bool',
    { policy: fc.constantFrom('true', 'false', 'TRUE'), request: fc.constantFrom('true', 'false', 'x') },
  ],
  [
    'BinaryEquals',
    { policy: fc.constantFrom('QUJD', 'QUJE', ''), request: fc.constantFrom('QUJD', 'QUJE', '', '!') },
  ],
];

const RUNS = { numRuns: 150 };

describe('negated operators are the opposite of their base (IAM UG, Condition operators)', () => {
  it.each(PAIRS.map(([x, notX, family]) => [`${x} vs ${notX}`, x, notX, family] as const))(
    '%s, key present and single-valued',
    (_id, x, notX, family) => {
      fc.assert(
        fc.property(
          fc.array(family.policy, { minLength: 1, maxLength: 3 }),
          family.request,
          (values, request) => {
            expect(test(x, values, request)).toBe(!test(notX, values, request));
          },
        ),
        RUNS,
      );
    },
  );
});

const requestValue = (family: Family) =>
  fc.oneof(
    family.request,
    fc.array(family.request, { minLength: 1, maxLength: 3 }),
  ) as fc.Arbitrary<ContextValue>;

describe('...IfExists equals the base operator whenever the key is present (IAM UG, ...IfExists)', () => {
  it.each(BASES.map(([base, family]) => [base, family] as const))('%s', (base, family) => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'ForAllValues:', 'ForAnyValue:'),
        fc.array(family.policy, { minLength: 1, maxLength: 3 }),
        requestValue(family),
        (prefix, values, request) => {
          expect(test(`${prefix}${base}IfExists`, values, request)).toBe(
            test(`${prefix}${base}`, values, request),
          );
        },
      ),
      RUNS,
    );
  });
});

describe('set operators (IAM UG, Creating a condition with multiple keys or values)', () => {
  it.each(PAIRS.map(([x, notX, family]) => [`${x} / ${notX}`, x, notX, family] as const))(
    'ForAllValues:%s is the negation of ForAnyValue:X on non-empty lists',
    (_id, x, notX, family) => {
      fc.assert(
        fc.property(
          fc.array(family.policy, { minLength: 1, maxLength: 3 }),
          fc.array(family.request, { minLength: 1, maxLength: 3 }),
          (values, request) => {
            expect(test(`ForAllValues:${notX}`, values, request)).toBe(
              !test(`ForAnyValue:${x}`, values, request),
            );
          },
        ),
        RUNS,
      );
    },
  );
});

/** StringLike from the docs: `*` any run, `?` one character, everything else itself. */
function referenceLike(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\/]/g, '\\$&')
    .replace(/\*/g, '[\\s\\S]*')
    .replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${source}$`).test(value);
}

describe('StringLike glob agrees with a reference written from the docs', () => {
  it('compileGlob == referenceLike', () => {
    fc.assert(
      fc.property(
        str(['a', 'b', '*', '?', '\n', '.'], 8),
        str(['a', 'b', '\n', '.'], 8),
        (pattern, value) => {
          expect(compileGlob([{ text: pattern, pattern: true }])(value)).toBe(referenceLike(pattern, value));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
