import { describe, expect, it } from 'vitest';
import { parseOperator } from './condition-operator.js';

describe('parseOperator (IAM UG, Condition operators)', () => {
  it.each([
    ['StringEquals', 'StringEquals', 'String', false, false, null],
    ['StringNotLikeIfExists', 'StringNotLikeIfExists', 'String', true, true, null],
    ['ForAnyValue:StringLike', 'ForAnyValue:StringLike', 'String', false, false, 'ForAnyValue'],
    [
      'ForAllValues:ArnNotEqualsIfExists',
      'ForAllValues:ArnNotEqualsIfExists',
      'Arn',
      true,
      true,
      'ForAllValues',
    ],
    ['NotIpAddress', 'NotIpAddress', 'IpAddress', true, false, null],
    ['Null', 'Null', 'Null', false, false, null],
    ['BinaryEquals', 'BinaryEquals', 'Binary', false, false, null],
  ])('%s', (text, canonical, family, negated, ifExists, set) => {
    expect(parseOperator(text)).toMatchObject({ canonical, family, negated, ifExists, set });
  });

  it.each(['StringEqualz', 'NullIfExists', 'ForSomeValues:StringEquals', 'Equals', ''])(
    'rejects %j',
    (text) => {
      expect(parseOperator(text)).toBeUndefined();
    },
  );
});
