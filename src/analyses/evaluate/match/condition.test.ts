import { describe, expect, it } from 'vitest';
import type { ConditionClause, ConditionValue, PolicyVersion } from '../../../model/policy.js';
import type { ContextValue } from '../../../model/request.js';
import { type CompiledCondition, compileCondition, compileConditions } from './condition.js';
import { buildRequestContext } from './request-context.js';

/*
 * Doc references in the ids:
 *   OPS   IAM UG, "IAM JSON policy elements: Condition operators"
 *   MULTI IAM UG, "Creating a condition with multiple keys or values" (set operators)
 *   MVEX  IAM UG, "Multivalued context key examples"
 *   SVMV  IAM UG, "Single-valued vs. multivalued context keys"
 *   VARS  IAM UG, "IAM policy elements: Variables and tags"
 *   FACTS aws-facts.md §5.2 (quotes of the current IAM UG)
 *   OURS  not documented by AWS: the choice this engine makes, explained in condition.ts
 */

const loc = { file: 'policy.json', pointer: '/Statement/0/Condition', line: 1, column: 1 };

function clause(operator: string, key: string, values: ConditionValue | ConditionValue[]): ConditionClause {
  const list = Array.isArray(values) ? values : [values];
  return {
    operator: { value: operator, loc },
    key: { value: key, loc },
    values: list.map((value) => ({ value, loc })),
    loc,
  };
}

function compile(
  operator: string,
  key: string,
  values: ConditionValue | ConditionValue[],
  version: PolicyVersion = '2012-10-17',
): CompiledCondition {
  const c = compileCondition(clause(operator, key, values), version);
  if ('error' in c) throw new Error(c.error);
  return c;
}

type Case = [
  string,
  string,
  string,
  ConditionValue | ConditionValue[],
  Record<string, ContextValue>,
  boolean,
];

function run(cases: Case[], version: PolicyVersion = '2012-10-17') {
  it.each(cases)('%s', (_id, operator, key, values, context, expected) => {
    expect(compile(operator, key, values, version).test(buildRequestContext(context))).toBe(expected);
  });
}

const TEAM = 'aws:PrincipalTag/team';
const IP = 'aws:SourceIp';
const TIME = 'aws:CurrentTime';
const TAGS = 'aws:TagKeys';

describe('string operators (OPS: String)', () => {
  run([
    ['StringEquals matches exactly', 'StringEquals', TEAM, 'blue', { [TEAM]: 'blue' }, true],
    ['StringEquals is case-sensitive', 'StringEquals', TEAM, 'Blue', { [TEAM]: 'blue' }, false],
    [
      'StringEquals: several policy values are OR (MULTI)',
      'StringEquals',
      TEAM,
      ['red', 'blue'],
      { [TEAM]: 'blue' },
      true,
    ],
    ['StringEquals: a * is no wildcard', 'StringEquals', TEAM, '*', { [TEAM]: 'blue' }, false],
    [
      'StringEquals: JSON number compared as its string form',
      'StringEquals',
      's3:max-keys',
      10,
      { 's3:max-keys': '10' },
      true,
    ],
    [
      'StringEquals: JSON boolean compared as its string form',
      'StringEquals',
      'k',
      true,
      { k: 'true' },
      true,
    ],
    [
      'StringNotEquals false when the value matches',
      'StringNotEquals',
      TEAM,
      'blue',
      { [TEAM]: 'blue' },
      false,
    ],
    ['StringNotEquals true when the value differs', 'StringNotEquals', TEAM, 'red', { [TEAM]: 'blue' }, true],
    [
      'StringNotEquals with several values: must match none of them (FACTS)',
      'StringNotEquals',
      TEAM,
      ['red', 'blue'],
      { [TEAM]: 'blue' },
      false,
    ],
    ['StringEqualsIgnoreCase ignores case', 'StringEqualsIgnoreCase', TEAM, 'BLUE', { [TEAM]: 'Blue' }, true],
    [
      'StringNotEqualsIgnoreCase ignores case',
      'StringNotEqualsIgnoreCase',
      TEAM,
      'BLUE',
      { [TEAM]: 'blue' },
      false,
    ],
    ['StringLike * matches any run', 'StringLike', 's3:prefix', 'home/*', { 's3:prefix': 'home/a/b' }, true],
    [
      'StringLike * matches the empty run',
      'StringLike',
      's3:prefix',
      'home/*',
      { 's3:prefix': 'home/' },
      true,
    ],
    ['StringLike is case-sensitive', 'StringLike', 's3:prefix', 'Home/*', { 's3:prefix': 'home/a' }, false],
    ['StringLike ? matches exactly one character', 'StringLike', 'k', 'a?c', { k: 'abc' }, true],
    ['StringLike ? does not match zero characters', 'StringLike', 'k', 'a?c', { k: 'ac' }, false],
    ['StringLike * crosses line breaks', 'StringLike', 'k', 'a*z', { k: 'a\nb\nz' }, true],
    ['StringLike without wildcards is equality', 'StringLike', 'k', 'abc', { k: 'abcd' }, false],
    ['StringLike with several stars', 'StringLike', 'k', '*a*b*c*', { k: 'xxaxxbxxcxx' }, true],
    ['StringLike with several stars, order matters', 'StringLike', 'k', '*a*b*c*', { k: 'cba' }, false],
    [
      'StringNotLike false when the pattern matches',
      'StringNotLike',
      'k',
      'key1*',
      { k: 'key1:legal' },
      false,
    ],
    [
      'StringNotLike true when no pattern matches',
      'StringNotLike',
      'k',
      ['key1*', 'key2*'],
      { k: 'key3' },
      true,
    ],
    [
      'StringLike matches across ARN colons where ArnLike does not (OPS: ARN example)',
      'StringLike',
      'aws:SourceArn',
      'arn:aws:someservice:*:111122223333:finance/*',
      {
        'aws:SourceArn':
          'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt',
      },
      true,
    ],
  ]);
});

describe('missing keys (OPS: "If the key ... is not present in the request context")', () => {
  run([
    ['StringEquals is false', 'StringEquals', TEAM, 'blue', {}, false],
    ['StringNotEquals is true', 'StringNotEquals', TEAM, 'blue', {}, true],
    ['StringNotLike is true', 'StringNotLike', TEAM, 'b*', {}, true],
    ['ArnNotLike is true', 'ArnNotLike', 'aws:SourceArn', 'arn:aws:sns:*:*:t', {}, true],
    ['NumericLessThan is false', 'NumericLessThan', 's3:max-keys', '10', {}, false],
    ['NotIpAddress is true', 'NotIpAddress', IP, '203.0.113.0/24', {}, true],
    ['Bool is false', 'Bool', 'aws:SecureTransport', 'false', {}, false],
    [
      'key names are case-insensitive (VARS: "Key names are case-insensitive")',
      'StringEquals',
      'AWS:PrincipalTag/TEAM',
      'blue',
      { 'aws:principaltag/team': 'blue' },
      true,
    ],
  ]);
});

describe('...IfExists (OPS: "If the key is not present, evaluate the condition element as true")', () => {
  run([
    ['StringEqualsIfExists, key missing: true', 'StringEqualsIfExists', TEAM, 'blue', {}, true],
    [
      'StringNotEqualsIfExists, key missing: true, so a Deny still applies (OPS)',
      'StringNotEqualsIfExists',
      TEAM,
      'blue',
      {},
      true,
    ],
    [
      'StringEqualsIfExists, key present and different: false',
      'StringEqualsIfExists',
      TEAM,
      'blue',
      { [TEAM]: 'red' },
      false,
    ],
    [
      'StringLikeIfExists, key present and matching: true',
      'StringLikeIfExists',
      'ec2:InstanceType',
      't2.*',
      { 'ec2:InstanceType': 't2.micro' },
      true,
    ],
    [
      'NumericLessThanIfExists, key present: compared',
      'NumericLessThanIfExists',
      's3:max-keys',
      '10',
      { 's3:max-keys': '20' },
      false,
    ],
    ['IpAddressIfExists, key missing: true', 'IpAddressIfExists', IP, '203.0.113.0/24', {}, true],
    [
      'empty list counts as missing for IfExists (OURS, as for Null)',
      'StringEqualsIfExists',
      TAGS,
      'a',
      { [TAGS]: [] },
      true,
    ],
  ]);
});

describe('Null (OPS: "true (the key doesn\'t exist — it is null) or false (the key exists and its value is not null)")', () => {
  run([
    ['"true" and the key is absent', 'Null', 'aws:TokenIssueTime', 'true', {}, true],
    [
      '"true" and the key is present',
      'Null',
      'aws:TokenIssueTime',
      'true',
      { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' },
      false,
    ],
    [
      '"false" and the key is present',
      'Null',
      'aws:TokenIssueTime',
      'false',
      { 'aws:TokenIssueTime': 'x' },
      true,
    ],
    ['"false" and the key is absent', 'Null', 'aws:TokenIssueTime', 'false', {}, false],
    ['JSON true works like "true"', 'Null', 'aws:TokenIssueTime', true, {}, true],
    [
      'an empty list is null: Null "false" guards against "context keys with empty values" (MVEX)',
      'Null',
      TAGS,
      'false',
      { [TAGS]: [] },
      false,
    ],
    ['an empty list is null for "true" too (MVEX)', 'Null', TAGS, 'true', { [TAGS]: [] }, true],
    ['an empty string is a value (OURS)', 'Null', 'k', 'true', { k: '' }, false],
  ]);
});

describe('numeric operators (OPS: Numeric, "integer or decimal value")', () => {
  run([
    ['NumericEquals integers', 'NumericEquals', 'n', '10', { n: '10' }, true],
    ['NumericEquals compares values, not text', 'NumericEquals', 'n', '1.50', { n: '1.5' }, true],
    ['NumericNotEquals', 'NumericNotEquals', 'n', '10', { n: '11' }, true],
    ['NumericLessThan below', 'NumericLessThan', 'n', '10', { n: '5' }, true],
    ['NumericLessThan is strict', 'NumericLessThan', 'n', '10', { n: '10' }, false],
    [
      'NumericLessThanEquals at the bound',
      'NumericLessThanEquals',
      's3:max-keys',
      '10',
      { 's3:max-keys': '10' },
      true,
    ],
    ['NumericGreaterThan', 'NumericGreaterThan', 'n', '10', { n: '10.01' }, true],
    ['NumericGreaterThanEquals below', 'NumericGreaterThanEquals', 'n', '10', { n: '9' }, false],
    ['JSON number in the policy', 'NumericLessThan', 'n', 10, { n: '9' }, true],
    ['negative numbers', 'NumericLessThan', 'n', '-1', { n: '-2' }, true],
    ['a request value that is no number matches nothing', 'NumericLessThan', 'n', '10', { n: 'ten' }, false],
    ['...so its negation holds', 'NumericNotEquals', 'n', '10', { n: 'ten' }, true],
  ]);
});

describe('date operators (OPS: Date, "W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time")', () => {
  run([
    [
      'DateGreaterThan with ISO 8601 UTC',
      'DateGreaterThan',
      TIME,
      '2020-01-01T00:00:01Z',
      { [TIME]: '2020-06-01T00:00:00Z' },
      true,
    ],
    [
      'DateLessThan: epoch seconds in the policy, ISO in the request',
      'DateLessThan',
      TIME,
      '1577836800',
      { [TIME]: '2019-12-31T23:59:59Z' },
      true,
    ],
    [
      'DateEquals: a date alone is midnight UTC',
      'DateEquals',
      TIME,
      '2020-01-01',
      { [TIME]: '2020-01-01T00:00:00Z' },
      true,
    ],
    [
      'DateEquals compares instants across zones',
      'DateEquals',
      TIME,
      '2020-01-01T02:00:00+02:00',
      { [TIME]: '2020-01-01T00:00:00Z' },
      true,
    ],
    [
      'DateLessThanEquals with fractional seconds',
      'DateLessThanEquals',
      TIME,
      '2020-01-01T00:00:00.500Z',
      { [TIME]: '2020-01-01T00:00:00.250Z' },
      true,
    ],
    [
      'DateGreaterThanEquals: epoch request vs ISO policy',
      'DateGreaterThanEquals',
      'aws:EpochTime',
      '2020-01-01T00:00:00Z',
      { 'aws:EpochTime': '1577836800' },
      true,
    ],
    [
      'DateNotEquals',
      'DateNotEquals',
      TIME,
      '2020-01-01T00:00:00Z',
      { [TIME]: '2020-01-01T00:00:01Z' },
      true,
    ],
    [
      'year-month form (W3C YYYY-MM)',
      'DateLessThan',
      TIME,
      '2020-06',
      { [TIME]: '2020-05-31T23:59:59Z' },
      true,
    ],
    [
      'time without seconds (W3C hh:mmTZD)',
      'DateEquals',
      TIME,
      '2020-01-01T10:30Z',
      { [TIME]: '2020-01-01T10:30:00Z' },
      true,
    ],
    [
      'JSON number in the policy is epoch seconds',
      'DateGreaterThan',
      TIME,
      1577836800,
      { [TIME]: '2020-01-02T00:00:00Z' },
      true,
    ],
    [
      'a request value that is no date matches nothing',
      'DateLessThan',
      TIME,
      '2020-01-01T00:00:00Z',
      { [TIME]: 'yesterday' },
      false,
    ],
  ]);
});

describe('Bool (OPS: Boolean)', () => {
  run([
    ['"true" matches "true"', 'Bool', 'aws:SecureTransport', 'true', { 'aws:SecureTransport': 'true' }, true],
    ['case does not matter', 'Bool', 'aws:SecureTransport', 'True', { 'aws:SecureTransport': 'TRUE' }, true],
    [
      'JSON false matches "false"',
      'Bool',
      'aws:SecureTransport',
      false,
      { 'aws:SecureTransport': 'false' },
      true,
    ],
    [
      '"false" does not match "true"',
      'Bool',
      'aws:SecureTransport',
      'false',
      { 'aws:SecureTransport': 'true' },
      false,
    ],
    ['a request value that is no boolean matches nothing', 'Bool', 'k', 'true', { k: 'yes' }, false],
  ]);
});

describe('BinaryEquals (OPS: "compares ... byte for byte against a base-64 encoded representation")', () => {
  run([
    [
      'same bytes',
      'BinaryEquals',
      'k',
      'QmluYXJ5VmFsdWVJbkJhc2U2NA==',
      { k: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' },
      true,
    ],
    ['different bytes', 'BinaryEquals', 'k', 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', { k: 'QUJD' }, false],
    ['a request value that is not base64 matches nothing', 'BinaryEquals', 'k', 'QUJD', { k: 'ABC' }, false],
  ]);
});

describe('IP address operators (OPS: IP address, CIDR, "default prefix value of /32")', () => {
  run([
    ['IPv4 in the /24', 'IpAddress', IP, '203.0.113.0/24', { [IP]: '203.0.113.10' }, true],
    ['IPv4 outside the /24', 'IpAddress', IP, '203.0.113.0/24', { [IP]: '203.0.114.10' }, false],
    ['an address alone is a /32', 'IpAddress', IP, '203.0.113.10', { [IP]: '203.0.113.10' }, true],
    [
      'an address alone is only that address',
      'IpAddress',
      IP,
      '203.0.113.10',
      { [IP]: '203.0.113.11' },
      false,
    ],
    ['/0 matches every IPv4 address', 'IpAddress', IP, '0.0.0.0/0', { [IP]: '198.51.100.7' }, true],
    ['odd prefix length', 'IpAddress', IP, '10.0.0.0/13', { [IP]: '10.7.255.255' }, true],
    ['odd prefix length, just outside', 'IpAddress', IP, '10.0.0.0/13', { [IP]: '10.8.0.0' }, false],
    [
      'IPv6 in the /64 (policy in upper case, as in OPS)',
      'IpAddress',
      IP,
      '2001:DB8:1234:5678::/64',
      { [IP]: '2001:db8:1234:5678:abcd::1' },
      true,
    ],
    [
      'IPv6 outside the /64',
      'IpAddress',
      IP,
      '2001:DB8:1234:5678::/64',
      { [IP]: '2001:db8:1234:5679::1' },
      false,
    ],
    ['IPv6 address alone is a /128', 'IpAddress', IP, '2001:db8::1', { [IP]: '2001:0db8:0:0:0:0:0:1' }, true],
    [
      'IPv4 and IPv6 mixed in one condition (OPS example)',
      'IpAddress',
      IP,
      ['203.0.113.0/24', '2001:DB8:1234:5678::/64'],
      { [IP]: '2001:db8:1234:5678::9' },
      true,
    ],
    ['an IPv4 request never matches an IPv6 range', 'IpAddress', IP, '::/0', { [IP]: '203.0.113.10' }, false],
    [
      'IPv4-mapped IPv6 request compared as IPv4 (ipaddr.js process)',
      'IpAddress',
      IP,
      '203.0.113.0/24',
      { [IP]: '::ffff:203.0.113.5' },
      true,
    ],
    [
      'IPv4-mapped IPv6 range compared as IPv4',
      'IpAddress',
      IP,
      '::ffff:203.0.113.0/120',
      { [IP]: '203.0.113.5' },
      true,
    ],
    [
      'NotIpAddress inside a range: false',
      'NotIpAddress',
      IP,
      ['192.0.2.0/24', '203.0.113.0/24'],
      { [IP]: '203.0.113.10' },
      false,
    ],
    [
      'NotIpAddress outside every range: true',
      'NotIpAddress',
      IP,
      ['192.0.2.0/24', '203.0.113.0/24'],
      { [IP]: '198.51.100.1' },
      true,
    ],
    [
      'a request value that is no address matches nothing',
      'IpAddress',
      IP,
      '0.0.0.0/0',
      { [IP]: 'vpce-1' },
      false,
    ],
  ]);
});

describe('ARN operators (OPS: ARN, "Each of the six colon-delimited components of the ARN is checked separately")', () => {
  const SRC = 'aws:SourceArn';
  run([
    [
      'ArnLike with an account wildcard',
      'ArnLike',
      SRC,
      'arn:aws:sns:us-east-1:*:topic',
      { [SRC]: 'arn:aws:sns:us-east-1:111122223333:topic' },
      true,
    ],
    [
      'ArnLike * stays in its component (OPS example)',
      'ArnLike',
      SRC,
      'arn:aws:someservice:*:111122223333:finance/*',
      { [SRC]: 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt' },
      false,
    ],
    [
      'ArnEquals takes wildcards like ArnLike ("behave identically")',
      'ArnEquals',
      SRC,
      'arn:aws:sns:*:111122223333:*',
      { [SRC]: 'arn:aws:sns:eu-west-1:111122223333:t' },
      true,
    ],
    [
      'ArnEquals exact',
      'ArnEquals',
      SRC,
      'arn:aws:sns:us-east-1:111122223333:t',
      { [SRC]: 'arn:aws:sns:us-east-1:111122223333:t' },
      true,
    ],
    [
      'ArnLike is case-sensitive',
      'ArnLike',
      SRC,
      'arn:aws:sns:us-east-1:111122223333:T',
      { [SRC]: 'arn:aws:sns:us-east-1:111122223333:t' },
      false,
    ],
    [
      'ArnLike ? is one character in a component',
      'ArnLike',
      SRC,
      'arn:aws:sqs:us-east-?:1:q',
      { [SRC]: 'arn:aws:sqs:us-east-2:1:q' },
      true,
    ],
    [
      'ArnLike: the resource component may hold colons',
      'ArnLike',
      SRC,
      'arn:aws:logs:*:1:log-group:*',
      { [SRC]: 'arn:aws:logs:us-east-1:1:log-group:/ecs/a:log-stream:b' },
      true,
    ],
    [
      'ArnNotLike false on a match',
      'ArnNotLike',
      SRC,
      'arn:aws:sns:*:*:t',
      { [SRC]: 'arn:aws:sns:us-east-1:1:t' },
      false,
    ],
    [
      'ArnNotEquals true on no match',
      'ArnNotEquals',
      SRC,
      'arn:aws:sns:*:*:t',
      { [SRC]: 'arn:aws:sns:us-east-1:1:u' },
      true,
    ],
  ]);
});

describe('set operators (MULTI; MVEX)', () => {
  run([
    [
      'ForAllValues: every request value in the policy set',
      'ForAllValues:StringEquals',
      'dynamodb:Attributes',
      ['ID', 'Message', 'Tags'],
      { 'dynamodb:Attributes': ['Message', 'Tags'] },
      true,
    ],
    [
      'ForAllValues: one request value outside the set (MULTI example: UserName)',
      'ForAllValues:StringEquals',
      'dynamodb:Attributes',
      ['PostDateTime', 'Message', 'Tags'],
      { 'dynamodb:Attributes': ['PostDateTime', 'UserName'] },
      false,
    ],
    [
      'ForAllValues: key missing is true ("no keys in the request")',
      'ForAllValues:StringEquals',
      TAGS,
      'a',
      {},
      true,
    ],
    [
      'ForAllValues: empty list is true ("null data set")',
      'ForAllValues:StringEquals',
      TAGS,
      'a',
      { [TAGS]: [] },
      true,
    ],
    [
      'ForAllValues: empty string is true ("such as an empty string")',
      'ForAllValues:StringEquals',
      TAGS,
      'a',
      { [TAGS]: '' },
      true,
    ],
    [
      'ForAllValues:StringLike with a wildcard',
      'ForAllValues:StringLike',
      TAGS,
      'Created*',
      { [TAGS]: ['CreatedBy', 'CreatedAt'] },
      true,
    ],
    [
      'ForAllValues on a single string is a one-value set',
      'ForAllValues:StringEquals',
      TAGS,
      'a',
      { [TAGS]: 'a' },
      true,
    ],
    [
      'ForAnyValue: one request value in the set (MULTI example: PostDateTime)',
      'ForAnyValue:StringEquals',
      'dynamodb:Attributes',
      ['ID', 'PostDateTime'],
      { 'dynamodb:Attributes': ['UserName', 'Message', 'PostDateTime'] },
      true,
    ],
    [
      'ForAnyValue: no request value in the set',
      'ForAnyValue:StringEquals',
      'dynamodb:Attributes',
      ['ID', 'PostDateTime'],
      { 'dynamodb:Attributes': ['UserName'] },
      false,
    ],
    [
      'ForAnyValue: key missing is false ("For no matching key ... returns false")',
      'ForAnyValue:StringEquals',
      TAGS,
      'a',
      {},
      false,
    ],
    [
      'ForAnyValue: empty list is false ("or a null dataset")',
      'ForAnyValue:StringEquals',
      TAGS,
      'a',
      { [TAGS]: [] },
      false,
    ],
    ['ForAnyValue: empty string is false', 'ForAnyValue:StringEquals', TAGS, '', { [TAGS]: '' }, false],
    ['ForAnyValue...IfExists: key missing is true', 'ForAnyValue:StringEqualsIfExists', TAGS, 'a', {}, true],
    [
      'ForAllValues:StringNotLike, every value matches the pattern: false (MVEX table, key1:legal)',
      'ForAllValues:StringNotLike',
      TAGS,
      'key1*',
      { [TAGS]: ['key1:legal'] },
      false,
    ],
    [
      'ForAllValues:StringNotLike, two matching values: false (MVEX table, key1:hr key1:personnel)',
      'ForAllValues:StringNotLike',
      TAGS,
      'key1*',
      { [TAGS]: ['key1:hr', 'key1:personnel'] },
      false,
    ],
    [
      'ForAllValues:StringNotLike, no value matches: true (MVEX table, key2:audit)',
      'ForAllValues:StringNotLike',
      TAGS,
      'key1*',
      { [TAGS]: ['key2:audit'] },
      true,
    ],
    [
      'ForAllValues:StringNotLike, key missing: true (MVEX table)',
      'ForAllValues:StringNotLike',
      TAGS,
      'key1*',
      {},
      true,
    ],
    [
      'ForAllValues:StringNotLike, one of two values matches: false',
      'ForAllValues:StringNotLike',
      TAGS,
      'key1*',
      { [TAGS]: ['key1:a', 'key2:b'] },
      false,
    ],
    [
      'ForAnyValue:StringNotEquals, one value outside the policy set: true',
      'ForAnyValue:StringNotEquals',
      TAGS,
      ['a', 'b'],
      { [TAGS]: ['a', 'z'] },
      true,
    ],
    [
      'ForAnyValue:StringNotEquals, all values in the policy set: false',
      'ForAnyValue:StringNotEquals',
      TAGS,
      ['a', 'b'],
      { [TAGS]: ['a', 'b'] },
      false,
    ],
    [
      'ForAnyValue:StringNotEquals, key missing: false (MULTI beats the negated-operator rule)',
      'ForAnyValue:StringNotEquals',
      TAGS,
      'a',
      {},
      false,
    ],
    ['ForAllValues:NumericLessThan', 'ForAllValues:NumericLessThan', 'n', '10', { n: ['1', '2', '9'] }, true],
    [
      'ForAnyValue:IpAddress',
      'ForAnyValue:IpAddress',
      'ips',
      '10.0.0.0/8',
      { ips: ['192.0.2.1', '10.1.2.3'] },
      true,
    ],
  ]);
});

describe('several request values without a set operator (SVMV: "Multivalued context keys require a condition set operator"; OURS)', () => {
  run([
    [
      'positive operator: any request value matching is enough',
      'StringEquals',
      TAGS,
      'b',
      { [TAGS]: ['a', 'b'] },
      true,
    ],
    [
      'negated operator: one matching request value makes it false',
      'StringNotEquals',
      TAGS,
      'b',
      { [TAGS]: ['a', 'b'] },
      false,
    ],
    [
      'negated operator: true when no request value matches',
      'StringNotEquals',
      TAGS,
      'c',
      { [TAGS]: ['a', 'b'] },
      true,
    ],
    [
      'positive operator on an empty list: false (no value)',
      'StringEquals',
      TAGS,
      'a',
      { [TAGS]: [] },
      false,
    ],
    [
      'negated operator on an empty list: true (no value)',
      'StringNotEquals',
      TAGS,
      'a',
      { [TAGS]: [] },
      true,
    ],
  ]);
});

describe('policy variables in condition values (VARS)', () => {
  const USER = 'aws:username';
  run([
    [
      'StringEquals with a resolved variable',
      'StringEquals',
      'k',
      '${aws:username}',
      { k: 'alice', [USER]: 'alice' },
      true,
    ],
    [
      'StringLike home directory (VARS example)',
      'StringLike',
      's3:prefix',
      'home/${aws:username}/*',
      { 's3:prefix': 'home/alice/docs', [USER]: 'alice' },
      true,
    ],
    [
      'StringLike home directory of someone else',
      'StringLike',
      's3:prefix',
      'home/${aws:username}/*',
      { 's3:prefix': 'home/bob/docs', [USER]: 'alice' },
      false,
    ],
    [
      'no value: StringEquals does not match (FACTS)',
      'StringEquals',
      'k',
      '${aws:username}',
      { k: 'alice' },
      false,
    ],
    [
      'no value: StringLike does not match (FACTS)',
      'StringLike',
      'k',
      '${aws:username}*',
      { k: 'alice' },
      false,
    ],
    [
      'no value: negated operators match (FACTS)',
      'StringNotEquals',
      'k',
      '${aws:username}',
      { k: 'alice' },
      true,
    ],
    [
      'no value: other values of the key still count',
      'StringEquals',
      'k',
      ['${aws:username}', 'alice'],
      { k: 'alice' },
      true,
    ],
    [
      'default used when the key is missing (VARS: Specifying default values)',
      'StringEquals',
      'k',
      "${aws:PrincipalTag/team, 'company-wide'}",
      { k: 'company-wide' },
      true,
    ],
    [
      'default ignored when the key has a value',
      'StringEquals',
      'k',
      "${aws:PrincipalTag/team, 'company-wide'}",
      { k: 'company-wide', [TEAM]: 'blue' },
      false,
    ],
    [
      'variable names are case-insensitive',
      'StringEquals',
      'k',
      '${AWS:UserName}',
      { k: 'alice', [USER]: 'alice' },
      true,
    ],
    [
      '${*} is a literal star in StringLike (VARS: Special characters)',
      'StringLike',
      'k',
      'a${*}',
      { k: 'a*' },
      true,
    ],
    ['${*} in StringLike is no wildcard', 'StringLike', 'k', 'a${*}', { k: 'ab' }, false],
    ['${?} is a literal question mark in StringLike', 'StringLike', 'k', 'a${?}', { k: 'ab' }, false],
    ['${$} stands for a dollar sign', 'StringEquals', 'k', 'cost${$}', { k: 'cost$' }, true],
    [
      'a multivalued key is no variable value (SVMV Key points)',
      'StringEquals',
      'k',
      '${aws:TagKeys}',
      { k: 'a', [TAGS]: ['a'] },
      false,
    ],
    [
      'a multivalued key falls back to the default',
      'StringEquals',
      'k',
      "${aws:TagKeys, 'none'}",
      { k: 'none', [TAGS]: ['a'] },
      true,
    ],
    [
      "a value's * is no wildcard (OURS: substituted values are data)",
      'StringLike',
      'k',
      '${aws:username}',
      { k: 'anything', [USER]: '*' },
      false,
    ],
    [
      'StringEqualsIgnoreCase with a variable',
      'StringEqualsIgnoreCase',
      'k',
      '${aws:username}',
      { k: 'ALICE', [USER]: 'alice' },
      true,
    ],
    [
      'ArnLike with a variable (OPS: "You can use a policy variable with the ARN condition operator")',
      'ArnLike',
      'aws:PrincipalArn',
      'arn:aws:iam::*:user/${aws:username}',
      { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/alice', [USER]: 'alice' },
      true,
    ],
    [
      'Bool with a variable (OPS: "You can use a policy variable with the Boolean condition operator")',
      'Bool',
      'aws:MultiFactorAuthPresent',
      '${aws:SecureTransport}',
      { 'aws:MultiFactorAuthPresent': 'true', 'aws:SecureTransport': 'true' },
      true,
    ],
  ]);
});

describe('2008-10-17 documents read variables literally (VARS: "treated as literal strings")', () => {
  run(
    [
      [
        'the variable text matches itself',
        'StringEquals',
        'k',
        '${aws:username}',
        { k: '${aws:username}', 'aws:username': 'alice' },
        true,
      ],
      [
        'the variable is not substituted',
        'StringEquals',
        'k',
        '${aws:username}',
        { k: 'alice', 'aws:username': 'alice' },
        false,
      ],
      [
        'StringLike wildcards still work around it',
        'StringLike',
        'k',
        'home/${aws:username}/*',
        { k: 'home/${aws:username}/x' },
        true,
      ],
    ],
    '2008-10-17',
  );
});

describe('compile errors: never a silently skipped Deny', () => {
  it.each([
    [
      'unknown operator, with a suggestion',
      'StringEqualz',
      'k',
      'a',
      /unknown condition operator "StringEqualz" \(did you mean "StringEquals"\?\)/,
    ],
    ['unknown set prefix', 'ForSomeValues:StringEquals', 'k', 'a', /unknown condition operator/],
    [
      'IfExists on Null (OPS: "except the Null condition")',
      'NullIfExists',
      'k',
      'true',
      /Null takes no IfExists/,
    ],
    [
      'NumericLessThan "ten"',
      'NumericLessThan',
      's3:max-keys',
      'ten',
      /NumericLessThan s3:max-keys: "ten" is not a number/,
    ],
    ['NumericEquals on a JSON boolean', 'NumericEquals', 'n', true, /true is not a number/],
    [
      'Numeric with a variable (OPS: "You can not use a policy variable with the Numeric condition operator")',
      'NumericEquals',
      'n',
      '${aws:x}',
      /is not a number/,
    ],
    ['DateGreaterThan "yesterday"', 'DateGreaterThan', TIME, 'yesterday', /"yesterday" is not a date/],
    ['DateEquals on a day that does not exist', 'DateEquals', TIME, '2021-02-29', /is not a date/],
    ['Bool "yes"', 'Bool', 'aws:SecureTransport', 'yes', /"yes" is not "true" or "false"/],
    ['BinaryEquals that is not base64', 'BinaryEquals', 'k', 'not base64!', /is not base64/],
    ['IpAddress with a /33', 'IpAddress', IP, '203.0.113.0/33', /is not an IP address or CIDR block/],
    ['IpAddress with an octet over 255', 'IpAddress', IP, '300.1.1.1', /is not an IP address/],
    ['IpAddress in a short IPv4 form', 'IpAddress', IP, '127.1', /is not an IP address/],
    ['IpAddress with a bad IPv6 range', 'IpAddress', IP, '2001:db8::/129', /is not an IP address/],
    ['Null "maybe"', 'Null', 'k', 'maybe', /"maybe" is not "true" or "false"/],
    ['a key with no values', 'StringEquals', 'k', [], /no values/],
  ] as Array<[string, string, string, ConditionValue | ConditionValue[], RegExp]>)(
    '%s',
    (_id, operator, key, values, message) => {
      const result = compileCondition(clause(operator, key, values), '2012-10-17');
      expect(result).toHaveProperty('error');
      expect((result as { error: string }).error).toMatch(message);
    },
  );

  it('Bool with a variable in a 2008-10-17 document is text, hence no boolean', () => {
    const result = compileCondition(clause('Bool', 'aws:SecureTransport', '${aws:x}'), '2008-10-17');
    expect(result).toEqual({ error: 'Bool aws:SecureTransport: "${aws:x}" is not "true" or "false"' });
  });

  it('reports every bad value of a clause', () => {
    const result = compileCondition(clause('NumericLessThan', 'n', ['one', '2', 'three']), '2012-10-17');
    expect((result as { error: string }).error).toBe(
      'NumericLessThan n: "one" is not a number; NumericLessThan n: "three" is not a number',
    );
  });
});

describe('compileConditions (MULTI: "evaluated using a logical AND")', () => {
  it('ANDs the clauses', () => {
    const result = compileConditions(
      [clause('StringEquals', TEAM, 'blue'), clause('Bool', 'aws:SecureTransport', 'true')],
      '2012-10-17',
    );
    if ('error' in result) throw new Error(result.error);
    const all = (context: Record<string, ContextValue>) =>
      result.conditions.every((c) => c.test(buildRequestContext(context)));
    expect(all({ [TEAM]: 'blue', 'aws:SecureTransport': 'true' })).toBe(true);
    expect(all({ [TEAM]: 'blue', 'aws:SecureTransport': 'false' })).toBe(false);
  });

  it('reports the errors of all clauses', () => {
    const result = compileConditions(
      [clause('StringEqualz', 'k', 'a'), clause('StringEquals', 'k', 'a'), clause('Bool', 'k', 'no')],
      '2012-10-17',
    );
    expect(result).toEqual({
      error:
        'unknown condition operator "StringEqualz" (did you mean "StringEquals"?); Bool k: "no" is not "true" or "false"',
    });
  });
});

describe('explain', () => {
  it.each([
    [
      'single values',
      'StringEquals',
      TEAM,
      'red',
      { [TEAM]: 'blue' },
      'StringEquals aws:PrincipalTag/team: request "blue", policy "red"',
    ],
    [
      'absent key',
      'StringEquals',
      TEAM,
      'red',
      {},
      'StringEquals aws:PrincipalTag/team: request absent, policy "red"',
    ],
    [
      'lists',
      'ForAllValues:StringEquals',
      TAGS,
      ['a', 'b'],
      { [TAGS]: ['a', 'c'] },
      'ForAllValues:StringEquals aws:TagKeys: request ["a", "c"], policy ["a", "b"]',
    ],
    [
      'JSON numbers as written',
      'NumericLessThan',
      'n',
      10,
      { n: '12' },
      'NumericLessThan n: request "12", policy 10',
    ],
    [
      'resolved variables',
      'StringLike',
      'p',
      'home/${aws:username}/*',
      { p: 'x', 'aws:username': 'al' },
      'StringLike p: request "x", policy "home/al/*"',
    ],
    [
      'unresolved variables',
      'StringEquals',
      'p',
      '${aws:username}',
      { p: 'x' },
      'StringEquals p: request "x", policy "${aws:username}" (no value)',
    ],
    [
      'Null',
      'Null',
      'aws:TokenIssueTime',
      'true',
      { 'aws:TokenIssueTime': 't' },
      'Null aws:TokenIssueTime: request "t", policy "true"',
    ],
  ] as Array<
    [string, string, string, ConditionValue | ConditionValue[], Record<string, ContextValue>, string]
  >)('%s', (_id, operator, key, values, context, line) => {
    expect(compile(operator, key, values).explain(buildRequestContext(context))).toBe(line);
  });

  it('keeps operator and key as written', () => {
    const c = compile('stringequals', 'AWS:PrincipalTag/Team', 'red');
    expect([c.operator, c.key]).toEqual(['stringequals', 'AWS:PrincipalTag/Team']);
  });
});

describe('variables re-resolve per request', () => {
  it('follows the context from one request to the next', () => {
    const c = compile('StringLike', 'p', '${aws:username}/*');
    expect(c.test(buildRequestContext({ p: 'a/x', 'aws:username': 'a' }))).toBe(true);
    expect(c.test(buildRequestContext({ p: 'a/x', 'aws:username': 'b' }))).toBe(false);
    expect(c.test(buildRequestContext({ p: 'a/x' }))).toBe(false);
    expect(c.test(buildRequestContext({ p: 'a/x', 'aws:username': 'a' }))).toBe(true);
  });
});
