/**
 * Permissions boundaries and session policies: when present, each must allow as well; neither
 * grants anything (IAM UG, "Permissions boundaries for IAM entities"; "Session policies").
 */
import { describe } from 'vitest';
import {
  allow,
  BUCKET,
  type CaseRow,
  deny,
  OBJECT,
  type PolicyCase,
  policy,
  runCases,
  session,
} from './case-runner.js';

const me = session();
const READ = policy(allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'IdentityRead' }));
const PB =
  'IAM UG, Permissions boundaries: "allowed by both its identity-based policies and its permissions boundaries"';
const SP =
  'IAM UG, Session policies: "the intersection of the identity-based policies ... and the session policies"';

function get(policies: PolicyCase['policies'], expect: PolicyCase['expect'], more: Partial<PolicyCase> = {}) {
  return { principal: me, action: 's3:GetObject', resource: OBJECT, policies, expect, ...more };
}

const rows: CaseRow[] = [
  [
    `identity and boundary both allow: Allow (${PB})`,
    get({ identity: [READ], permissionsBoundary: policy(allow('s3:*', '*', { Sid: 'PB' })) }, 'Allow', {
      sids: { allows: ['IdentityRead', 'PB'] },
    }),
  ],
  [
    `boundary allows other services only: implicit deny (${PB})`,
    get(
      { identity: [READ], permissionsBoundary: policy(allow(['ec2:*', 'sqs:*'], '*', { Sid: 'PB' })) },
      'ImplicitDeny',
      {
        sids: { notMatched: ['PB'] },
      },
    ),
  ],
  [
    `boundary allows the action on another bucket only: implicit deny (${PB}; the intersection holds per resource)`,
    get(
      {
        identity: [READ],
        permissionsBoundary: policy(allow('s3:*', 'arn:aws:s3:::other-bucket/*', { Sid: 'PB' })),
      },
      'ImplicitDeny',
      { sids: { notMatched: ['PB'] } },
    ),
  ],
  [
    `boundary allows but no identity policy does: implicit deny (${PB})`,
    get(
      { identity: [policy(allow('sqs:*', '*'))], permissionsBoundary: policy(allow('s3:*', '*')) },
      'ImplicitDeny',
    ),
  ],
  [
    `boundary with NotAction iam:* allows s3 (${PB}; IAM UG, NotAction with Allow)`,
    get(
      {
        identity: [READ],
        permissionsBoundary: policy({ Sid: 'NoIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }),
      },
      'Allow',
      { sids: { allows: ['NoIam'] } },
    ),
  ],
  [
    `boundary with NotAction iam:* stops iam actions the identity policy allows (${PB}; IAM UG, NotAction with Allow)`,
    {
      principal: me,
      action: 'iam:CreateUser',
      resource: 'arn:aws:iam::111122223333:user/new-user',
      policies: {
        identity: [policy(allow('*', '*'))],
        permissionsBoundary: policy({ Sid: 'NoIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }),
      },
      expect: 'ImplicitDeny',
    },
  ],
  [
    `boundary Allow conditioned on a principal tag the role has: Allow (${PB}; IAM UG, global keys: aws:PrincipalTag)`,
    {
      principal: session({ tags: { team: 'payments' } }),
      action: 's3:GetObject',
      resource: OBJECT,
      policies: {
        identity: [READ],
        permissionsBoundary: policy(
          allow('s3:*', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'payments' } } }),
        ),
      },
      expect: 'Allow',
    },
  ],
  [
    `boundary Allow conditioned on a principal tag the role lacks: implicit deny (${PB}; IAM UG, Condition element: a missing key does not match)`,
    get(
      {
        identity: [READ],
        permissionsBoundary: policy(
          allow('s3:*', '*', {
            Sid: 'PB',
            Condition: { StringEquals: { 'aws:PrincipalTag/team': 'payments' } },
          }),
        ),
      },
      'ImplicitDeny',
      { sids: { notMatched: ['PB'] } },
    ),
  ],
  [
    `a Deny in the boundary denies even though the boundary also allows (IAM UG, eval logic: deny evaluation covers permissions boundaries)`,
    get(
      {
        identity: [READ],
        permissionsBoundary: policy(allow('*', '*'), deny('s3:GetObject', `${BUCKET}/*`, { Sid: 'PBDeny' })),
      },
      'ExplicitDeny',
      { sids: { denies: ['PBDeny'] } },
    ),
  ],
  [
    `identity and session policy both allow: Allow (${SP})`,
    get({ identity: [READ], sessionPolicy: policy(allow('s3:Get*', '*', { Sid: 'SP' })) }, 'Allow', {
      sids: { allows: ['SP'] },
    }),
  ],
  [
    `session policy allows other actions only: implicit deny (${SP})`,
    get(
      { identity: [READ], sessionPolicy: policy(allow('s3:PutObject', '*', { Sid: 'SP' })) },
      'ImplicitDeny',
      {
        sids: { notMatched: ['SP'] },
      },
    ),
  ],
  [
    `session policy allows but no identity policy does: implicit deny (IAM UG, Session policies: they "do not grant permissions")`,
    get({ sessionPolicy: policy(allow('s3:*', '*')) }, 'ImplicitDeny'),
  ],
  [
    `identity, boundary and session policy all allow: Allow (IAM UG, eval logic: boundary and session policy steps)`,
    get(
      {
        identity: [READ],
        permissionsBoundary: policy(allow('s3:*', '*')),
        sessionPolicy: policy(allow('s3:GetObject', `${BUCKET}/*`)),
      },
      'Allow',
    ),
  ],
  [
    `boundary allows but the session policy does not: implicit deny (IAM UG, eval logic: session policy step, a session policy present must allow)`,
    get(
      {
        identity: [READ],
        permissionsBoundary: policy(allow('s3:*', '*')),
        sessionPolicy: policy(allow('sqs:*', '*')),
      },
      'ImplicitDeny',
    ),
  ],
  [
    `session policy allows but the boundary does not: implicit deny (IAM UG, eval logic: permissions boundary step)`,
    get(
      {
        identity: [READ],
        permissionsBoundary: policy(allow('sqs:*', '*')),
        sessionPolicy: policy(allow('s3:*', '*')),
      },
      'ImplicitDeny',
    ),
  ],
  [
    `a Deny in the session policy denies even though it also allows (IAM UG, eval logic: deny evaluation covers session policies)`,
    get(
      {
        identity: [READ],
        sessionPolicy: policy(allow('*', '*'), deny('s3:*', '*', { Sid: 'SPDeny' })),
      },
      'ExplicitDeny',
      { sids: { denies: ['SPDeny'] } },
    ),
  ],
];

describe('permissions boundaries and session policies', () => runCases(rows));
