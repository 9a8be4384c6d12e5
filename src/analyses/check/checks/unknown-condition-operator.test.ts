import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { unknownConditionOperator } from './unknown-condition-operator.js';

const O = 'arn:aws:s3:::my-app-data-bucket/*';
const when = (Condition: object, Effect = 'Allow') => ({
  Effect,
  Action: 's3:GetObject',
  Resource: O,
  Condition,
});
const replace = (from: string, to: string) => ({ replaceOperator: { from, to } });

describe('UNKNOWN_CONDITION_OPERATOR', () => {
  runCheckCases(unknownConditionOperator, {
    valid: [
      { id: 'StringEquals', policy: policy(when({ StringEquals: { 'aws:PrincipalTag/team': 'web' } })) },
      {
        id: 'IfExists variant',
        policy: policy(when({ StringEqualsIfExists: { 'aws:PrincipalTag/team': 'web' } })),
      },
      {
        id: 'set operators',
        policy: policy(
          when({
            'ForAllValues:StringLike': { 'aws:TagKeys': 'app-*' },
            'ForAnyValue:StringEquals': { 'aws:CalledVia': 'athena.amazonaws.com' },
          }),
        ),
      },
      { id: 'Null', policy: policy(when({ Null: { 'aws:ResourceTag/team': 'false' } })) },
      {
        id: 'negated and typed families',
        policy: policy(
          when({
            NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
            ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/ops-*' },
            DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' },
            BinaryEquals: { 'aws:PrincipalTag/k': 'QmluYXJ5' },
          }),
        ),
      },
      {
        id: 'Bool with IfExists',
        policy: policy(when({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } })),
      },
      { id: 'no Condition', policy: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: O }) },
    ],
    invalid: [
      {
        id: 'seed typo StringEqualz',
        policy: policy(when({ StringEqualz: { 'aws:PrincipalTag/team': 'web' } })),
        findings: [{ statement: 0, fix: replace('StringEqualz', 'StringEquals') }],
      },
      {
        id: 'in a Deny, which then never applies',
        policy: policy(when({ StringNotEqualz: { 'aws:RequestedRegion': 'eu-west-1' } }, 'Deny')),
        findings: [{ statement: 0, fix: replace('StringNotEqualz', 'StringNotEquals') }],
      },
      {
        id: 'typo inside a set operator',
        policy: policy(when({ 'ForAnyValue:StringLikee': { 'aws:TagKeys': 'app-*' } })),
        findings: [{ statement: 0, fix: replace('ForAnyValue:StringLikee', 'ForAnyValue:StringLike') }],
      },
      {
        id: 'IpAdress',
        policy: policy(when({ IpAdress: { 'aws:SourceIp': '203.0.113.0/24' } })),
        findings: [{ statement: 0, fix: replace('IpAdress', 'IpAddress') }],
      },
      {
        id: 'an unknown set prefix',
        policy: policy(when({ 'ForSomeValues:StringEquals': { 'aws:TagKeys': 'a' } })),
        findings: [{ statement: 0 }],
      },
      {
        id: 'Null has no IfExists form',
        policy: policy(when({ NullIfExists: { 'aws:ResourceTag/team': 'true' } })),
        findings: [{ statement: 0 }],
      },
      {
        id: 'not an operator at all, no guess',
        policy: policy(when({ Whenever: { 'aws:SourceIp': '203.0.113.0/24' } })),
        findings: [{ statement: 0, fix: undefined }],
      },
      {
        id: 'one finding per operator, however many keys',
        policy: policy(
          when({ StringEqualz: { 'aws:PrincipalTag/team': 'web', 'aws:RequestedRegion': 'eu-west-1' } }),
        ),
        findings: [{ statement: 0, fix: replace('StringEqualz', 'StringEquals') }],
      },
    ],
  });

  it('says that a Deny with it never applies', () => {
    const [f] = findingsOf(
      unknownConditionOperator,
      policy({ Sid: 'OnlyTeam', ...when({ StringEqualz: { 'aws:PrincipalTag/team': 'web' } }, 'Deny') }),
    );
    expect(f).toMatchObject({ severity: 'error', sid: 'OnlyTeam', statement: 0 });
    expect(f?.message).toMatchInlineSnapshot(
      `""StringEqualz" is not a condition operator, so this Deny never applies; did you mean "StringEquals"?"`,
    );
  });
});
