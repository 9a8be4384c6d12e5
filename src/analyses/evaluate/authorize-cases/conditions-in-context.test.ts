/**
 * Conditions evaluated through the engine: keys the principal and resource imply, keys the
 * request gives, and keys that are missing (IAM UG, "IAM JSON policy elements: Condition
 * operators"; "AWS global condition context keys"; aws-facts §5.2).
 */
import { describe } from 'vitest';
import {
  A,
  allow,
  B,
  BUCKET,
  type CaseRow,
  type Doc,
  deny,
  OBJECT,
  type PolicyCase,
  policy,
  QUEUE_A,
  QUEUE_B,
  ROLE_ARN,
  runCases,
  SESSION_ARN,
  session,
} from './case-runner.js';

const me = session();
const GK = 'IAM UG, global condition keys';
const OPS = 'IAM UG, Condition operators';
const MISSING =
  'IAM UG, Condition element: "If the key ... is not present in the request context, the values do not match"';
const NEGATED =
  'IAM UG, Condition element: "If the policy condition requires that the key is not matched, such as StringNotLike ... and the right key is not present, the condition is true"';

/** Allow s3:GetObject on the bucket's objects when the condition holds. */
const readIf = (condition: Record<string, unknown>) =>
  policy(allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'ReadIf', Condition: condition }));
/** Allow everything, and Deny s3:* when the condition holds. */
const denyIf = (condition: Record<string, unknown>): Doc[] => [
  policy(allow('*', '*', { Sid: 'All' })),
  policy(deny('s3:*', '*', { Sid: 'DenyIf', Condition: condition })),
];

function get(
  identity: Doc | Doc[],
  expect: PolicyCase['expect'],
  context: PolicyCase['context'] = {},
  more: Partial<PolicyCase> = {},
): PolicyCase {
  const sids =
    expect === 'ExplicitDeny'
      ? { denies: ['DenyIf'] }
      : Array.isArray(identity)
        ? { notMatched: ['DenyIf'] }
        : expect === 'Allow'
          ? { allows: ['ReadIf'] }
          : { notMatched: ['ReadIf'] };
  return {
    principal: me,
    action: 's3:GetObject',
    resource: OBJECT,
    context,
    policies: { identity: Array.isArray(identity) ? identity : [identity] },
    expect,
    sids,
    ...more,
  };
}

const sendIf = (
  resource: string,
  condition: Record<string, unknown>,
  expect: PolicyCase['expect'],
): PolicyCase => ({
  principal: me,
  action: 'sqs:SendMessage',
  resource,
  policies: {
    identity: [policy(allow('sqs:SendMessage', '*', { Sid: 'SendIf', Condition: condition }))],
    resourcePolicy: policy(allow('sqs:SendMessage', resource, { Principal: { AWS: A } })),
  },
  expect,
});

const rows: CaseRow[] = [
  // Implied keys.
  [
    `aws:PrincipalArn of a role session is the role ARN: ArnEquals on the role matches (${GK}: aws:PrincipalArn, "the ARN of the role" for an assumed-role session)`,
    get(readIf({ ArnEquals: { 'aws:PrincipalArn': ROLE_ARN } }), 'Allow'),
  ],
  [
    `aws:PrincipalArn of a role session is not the session ARN (${GK}: aws:PrincipalArn)`,
    get(readIf({ StringEquals: { 'aws:PrincipalArn': SESSION_ARN } }), 'ImplicitDeny'),
  ],
  [
    `aws:PrincipalArn with ArnLike on a role-name prefix (${GK}: aws:PrincipalArn; ${OPS}: ArnLike)`,
    get(readIf({ ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/app-*` } }), 'Allow'),
  ],
  [
    `aws:PrincipalAccount is the caller's account (${GK}: aws:PrincipalAccount)`,
    get(readIf({ StringEquals: { 'aws:PrincipalAccount': A } }), 'Allow'),
  ],
  [
    `aws:PrincipalAccount compared with another account does not match (${GK}: aws:PrincipalAccount)`,
    get(readIf({ StringEquals: { 'aws:PrincipalAccount': B } }), 'ImplicitDeny'),
  ],
  [
    `aws:PrincipalType of a role session is AssumedRole (${GK}: aws:PrincipalType)`,
    get(readIf({ StringEquals: { 'aws:PrincipalType': 'AssumedRole' } }), 'Allow'),
  ],
  [
    `aws:PrincipalTag/team from the role's tags (${GK}: aws:PrincipalTag)`,
    get(
      readIf({ StringEquals: { 'aws:PrincipalTag/team': 'payments' } }),
      'Allow',
      {},
      {
        principal: session({ tags: { team: 'payments' } }),
      },
    ),
  ],
  [
    `aws:ResourceAccount of an S3 object defaults to the owner (the caller's account here) (${GK}: aws:ResourceAccount)`,
    get(readIf({ StringEquals: { 'aws:ResourceAccount': A } }), 'Allow'),
  ],
  [
    `aws:ResourceAccount of a queue in another account is that account: a data-perimeter Deny applies (${GK}: aws:ResourceAccount)`,
    {
      principal: me,
      action: 'sqs:SendMessage',
      resource: QUEUE_B,
      policies: {
        identity: [
          policy(allow('sqs:SendMessage', '*')),
          policy(
            deny('sqs:*', '*', {
              Sid: 'OwnResources',
              Condition: { StringNotEquals: { 'aws:ResourceAccount': A } },
            }),
          ),
        ],
        resourcePolicy: policy(allow('sqs:SendMessage', QUEUE_B, { Principal: { AWS: A } })),
      },
      expect: 'ExplicitDeny',
      sids: { denies: ['OwnResources'] },
    },
  ],
  [
    `aws:RequestedRegion comes from the resource's region (${GK}: aws:RequestedRegion)`,
    sendIf(QUEUE_A, { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } }, 'Allow'),
  ],
  [
    `aws:RequestedRegion of a queue in another region does not match (${GK}: aws:RequestedRegion)`,
    sendIf(
      `arn:aws:sqs:eu-west-1:${A}:app-queue`,
      { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
      'ImplicitDeny',
    ),
  ],
  [
    `condition key names are case-insensitive (IAM UG, Condition element: "Condition key names are not case-sensitive")`,
    get(readIf({ StringEquals: { 'AWS:PRINCIPALACCOUNT': A } }), 'Allow'),
  ],
  // Missing keys.
  [
    `StringEquals on a missing key is false (${MISSING})`,
    get(readIf({ StringEquals: { 'aws:SourceVpce': 'vpce-1a2b' } }), 'ImplicitDeny'),
  ],
  [
    `a Deny with StringNotEquals on a missing key applies (${NEGATED})`,
    get(denyIf({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b' } }), 'ExplicitDeny'),
  ],
  [
    `a Deny with StringNotEquals on a present, listed value does not apply (${OPS}: StringNotEquals)`,
    get(denyIf({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b' } }), 'Allow', {
      'aws:SourceVpce': 'vpce-1a2b',
    }),
  ],
  [
    `a Deny with StringNotEqualsIfExists on a missing key applies (${OPS}: ...IfExists, "with a negated condition operator like StringNotEqualsIfExists, the request is still denied even if the tag is missing")`,
    get(denyIf({ StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-mine' } }), 'ExplicitDeny'),
  ],
  [
    `an Allow with StringEqualsIfExists on a missing key applies (${OPS}: ...IfExists, a missing key makes the condition true)`,
    get(readIf({ StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b' } }), 'Allow'),
  ],
  [
    `an Allow with StringEqualsIfExists on a present, different value does not apply (${OPS}: ...IfExists evaluates a present key normally)`,
    get(readIf({ StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b' } }), 'ImplicitDeny', {
      'aws:SourceVpce': 'vpce-9z9z',
    }),
  ],
  [
    `Null "true" holds for a missing key (${OPS}: Null condition operator)`,
    get(readIf({ Null: { 'aws:SourceVpce': 'true' } }), 'Allow'),
  ],
  [
    `Null "false" does not hold for a missing key (${OPS}: Null condition operator)`,
    get(readIf({ Null: { 'aws:SourceVpce': 'false' } }), 'ImplicitDeny'),
  ],
  // Operators.
  [
    `aws:SourceIp inside the IpAddress CIDR: Allow (${OPS}: IpAddress; ${GK}: aws:SourceIp)`,
    get(readIf({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }), 'Allow', {
      'aws:SourceIp': '203.0.113.10',
    }),
  ],
  [
    `aws:SourceIp outside the IpAddress CIDR: implicit deny (${OPS}: IpAddress)`,
    get(readIf({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }), 'ImplicitDeny', {
      'aws:SourceIp': '198.51.100.7',
    }),
  ],
  [
    `a Deny with NotIpAddress denies a request from outside the range (${OPS}: NotIpAddress)`,
    get(denyIf({ NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } }), 'ExplicitDeny', {
      'aws:SourceIp': '198.51.100.7',
    }),
  ],
  [
    `a Deny with NotIpAddress leaves an IPv6 address in a listed range alone (${OPS}: NotIpAddress, IPv6 CIDR)`,
    get(denyIf({ NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } }), 'Allow', {
      'aws:SourceIp': '2001:db8::1',
    }),
  ],
  [
    `a Deny on aws:SecureTransport "false" denies plain HTTP (${OPS}: Bool; ${GK}: aws:SecureTransport)`,
    get(denyIf({ Bool: { 'aws:SecureTransport': 'false' } }), 'ExplicitDeny', {
      'aws:SecureTransport': 'false',
    }),
  ],
  [
    `a Deny on aws:SecureTransport "false" leaves TLS requests alone (${OPS}: Bool)`,
    get(denyIf({ Bool: { 'aws:SecureTransport': 'false' } }), 'Allow', { 'aws:SecureTransport': 'true' }),
  ],
  [
    `ForAnyValue:StringLike on aws:TagKeys: one matching tag key is enough (IAM UG, Multivalued context keys: ForAnyValue)`,
    get(readIf({ 'ForAnyValue:StringLike': { 'aws:TagKeys': ['team*'] } }), 'Allow', {
      'aws:TagKeys': ['cost-center', 'team-a'],
    }),
  ],
  [
    `ForAnyValue:StringLike on aws:TagKeys: no matching tag key (IAM UG, Multivalued context keys: ForAnyValue)`,
    get(readIf({ 'ForAnyValue:StringLike': { 'aws:TagKeys': ['team*'] } }), 'ImplicitDeny', {
      'aws:TagKeys': ['cost-center'],
    }),
  ],
  [
    `ForAnyValue on a missing aws:TagKeys is false (IAM UG, Multivalued context keys: ForAnyValue is false for a missing key)`,
    get(readIf({ 'ForAnyValue:StringLike': { 'aws:TagKeys': ['team*'] } }), 'ImplicitDeny'),
  ],
  [
    `ForAllValues on a missing aws:TagKeys is true (IAM UG, Multivalued context keys: ForAllValues "also returns true if there are no keys in the request")`,
    get(readIf({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } }), 'Allow'),
  ],
  [
    `ForAllValues with a request tag key outside the list is false (IAM UG, Multivalued context keys: ForAllValues)`,
    get(readIf({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } }), 'ImplicitDeny', {
      'aws:TagKeys': ['team', 'owner'],
    }),
  ],
  [
    `several values for one key are an OR (IAM UG, Creating a condition with multiple keys or values)`,
    get(readIf({ StringEquals: { 'aws:PrincipalAccount': [B, A] } }), 'Allow'),
  ],
  [
    `several keys are an AND: one false key fails the condition (IAM UG, Creating a condition with multiple keys or values)`,
    get(
      readIf({ StringEquals: { 'aws:PrincipalAccount': A, 'aws:SourceVpce': 'vpce-1a2b' } }),
      'ImplicitDeny',
      { 'aws:SourceVpce': 'vpce-9z9z' },
    ),
  ],
  [
    `several operators are an AND: all true, Allow (IAM UG, Creating a condition with multiple keys or values)`,
    get(
      readIf({ StringEquals: { 'aws:PrincipalAccount': A }, Bool: { 'aws:SecureTransport': 'true' } }),
      'Allow',
      { 'aws:SecureTransport': 'true' },
    ),
  ],
  [
    `DateLessThan on aws:CurrentTime before the deadline (${OPS}: Date condition operators)`,
    get(readIf({ DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }), 'Allow', {
      'aws:CurrentTime': '2029-06-30T12:00:00Z',
    }),
  ],
  [
    `DateLessThan on aws:CurrentTime after the deadline (${OPS}: Date condition operators)`,
    get(readIf({ DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }), 'ImplicitDeny', {
      'aws:CurrentTime': '2030-06-30T12:00:00Z',
    }),
  ],
  [
    `StringEquals is case-sensitive on values (${OPS}: StringEquals "Exact matching, case sensitive")`,
    get(
      readIf({ StringEquals: { 'aws:PrincipalTag/team': 'Payments' } }),
      'ImplicitDeny',
      {},
      {
        principal: session({ tags: { team: 'payments' } }),
      },
    ),
  ],
  [
    `StringEqualsIgnoreCase ignores case (${OPS}: StringEqualsIgnoreCase)`,
    get(
      readIf({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'Payments' } }),
      'Allow',
      {},
      {
        principal: session({ tags: { team: 'payments' } }),
      },
    ),
  ],
];

describe('conditions through the engine', () => runCases(rows));
