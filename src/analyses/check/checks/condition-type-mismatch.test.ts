import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { conditionTypeMismatch } from './condition-type-mismatch.js';

const O = 'arn:aws:s3:::my-app-data-bucket/*';
const when = (Condition: object, Action = 's3:GetObject') => ({
  Effect: 'Allow',
  Action,
  Resource: O,
  Condition,
});

describe('CONDITION_TYPE_MISMATCH', () => {
  runCheckCases(conditionTypeMismatch, {
    valid: [
      {
        id: 'IPv4 CIDR and single address',
        policy: policy(
          when({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.7', '10.0.0.0/8'] } }),
        ),
      },
      {
        id: 'IPv6 CIDR 2001:db8::/32',
        policy: policy(when({ NotIpAddress: { 'aws:SourceIp': ['2001:db8::/32', '::1'] } })),
      },
      {
        id: 'numbers as strings and as JSON numbers',
        policy: policy(
          when({ NumericLessThanEquals: { 's3:max-keys': ['10', 1000, '-1', '0.5'] } }, 's3:ListBucket'),
        ),
      },
      {
        id: 'dates: ISO 8601 and epoch seconds',
        policy: policy(
          when({
            DateGreaterThan: {
              'aws:CurrentTime': ['2026-01-31T00:00:00Z', '2026-01-31', '2026-01-31T12:00:00+02:00'],
            },
            DateLessThan: { 'aws:EpochTime': '1767225600' },
          }),
        ),
      },
      {
        id: 'aws:EpochTime is Date and Numeric',
        policy: policy(when({ NumericLessThan: { 'aws:EpochTime': 1767225600 } })),
      },
      {
        id: 'Bool as string and JSON boolean',
        policy: policy(when({ Bool: { 'aws:SecureTransport': ['true', false] } })),
      },
      { id: 'Null takes true or false', policy: policy(when({ Null: { 'aws:ResourceTag/team': 'false' } })) },
      {
        id: 'a String operator on a typed key compares text',
        policy: policy(when({ StringEquals: { 'aws:SecureTransport': 'true' } })),
      },
      {
        id: 'a policy variable is judged at evaluation time',
        policy: policy(
          when(
            {
              NumericLessThan: { 's3:max-keys': '${aws:PrincipalTag/limit}' },
              IpAddress: { 'aws:SourceIp': '${aws:username}' },
            },
            's3:ListBucket',
          ),
        ),
      },
      {
        id: 'IfExists and set forms of the right family',
        policy: policy(
          when({
            'ForAnyValue:IpAddressIfExists': { 'aws:SourceIp': '203.0.113.0/24' },
            BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' },
          }),
        ),
      },
      {
        id: 'an unknown operator is UNKNOWN_CONDITION_OPERATOR, not this',
        policy: policy(when({ NumericLessThen: { 's3:max-keys': 'ten' } }, 's3:ListBucket')),
      },
    ],
    invalid: [
      {
        id: 'not a number',
        policy: policy(when({ NumericLessThan: { 's3:max-keys': 'ten' } }, 's3:ListBucket')),
        findings: [{ statement: 0 }],
      },
      {
        id: 'not a date',
        policy: policy(when({ DateLessThan: { 'aws:CurrentTime': 'next monday' } })),
        findings: [{ statement: 0 }],
      },
      {
        id: 'month 13',
        policy: policy(when({ DateLessThan: { 'aws:CurrentTime': '2026-13-01T00:00:00Z' } })),
        findings: [{ statement: 0 }],
      },
      {
        id: 'not a bool',
        policy: policy(when({ Bool: { 'aws:SecureTransport': 'yes' } })),
        findings: [{ statement: 0 }],
      },
      {
        id: 'IPv4 prefix /33',
        policy: policy(when({ IpAddress: { 'aws:SourceIp': '203.0.113.0/33' } })),
        findings: [{ statement: 0 }],
      },
      {
        id: 'IPv6 prefix /129',
        policy: policy(when({ IpAddress: { 'aws:SourceIp': '2001:db8::/129' } })),
        findings: [{ statement: 0 }],
      },
      {
        id: 'not an address',
        policy: policy(when({ NotIpAddress: { 'aws:SourceIp': '203.0.113' } })),
        findings: [{ statement: 0 }],
      },
      {
        id: 'IpAddress on a String key (aws:SourceVpc)',
        policy: policy(when({ IpAddress: { 'aws:SourceVpc': '10.0.0.0/16' } })),
        findings: [{ statement: 0 }],
      },
      {
        id: 'Numeric operator on an IP key',
        policy: policy(when({ NumericEquals: { 'aws:SourceIp': '10' } })),
        findings: [{ statement: 0 }],
      },
      {
        id: 'IpAddress on a multivalued String key',
        policy: policy(when({ 'ForAnyValue:IpAddress': { 'aws:CalledVia': '10.0.0.0/8' } })),
        findings: [{ statement: 0 }],
      },
      {
        id: 'one finding per bad value, in its statement',
        policy: policy(
          when({ Bool: { 'aws:SecureTransport': 'true' } }),
          when({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '300.0.0.1', '10.0.0.0/40'] } }),
        ),
        findings: [{ statement: 1 }, { statement: 1 }],
      },
    ],
  });

  it('quotes the value and names the operator and key', () => {
    const [f] = findingsOf(
      conditionTypeMismatch,
      policy({ Sid: 'Office', ...when({ IpAddress: { 'aws:SourceIp': '203.0.113.0/33' } }) }),
    );
    expect(f).toMatchObject({ severity: 'error', sid: 'Office', statement: 0 });
    expect(f?.message).toMatchInlineSnapshot(
      `""203.0.113.0/33" is not an IP address or CIDR block (e.g. 203.0.113.0/24), so IpAddress on aws:SourceIp never matches it."`,
    );
  });
});
