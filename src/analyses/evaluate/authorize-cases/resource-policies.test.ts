/**
 * Same-account resource-based policies: whether a grant stands on its own depends on how it names
 * the caller (IAM UG, "How AWS enforcement code logic evaluates requests", Resource-based policies;
 * aws-facts §5.1 table).
 */
import { describe } from 'vitest';
import {
  A,
  allow,
  B,
  BUCKET,
  type CaseRow,
  deny,
  OBJECT,
  type PolicyCase,
  policy,
  ROLE_ARN,
  runCases,
  SESSION_ARN,
  session,
} from './case-runner.js';

const me = session();
const grant = (principal: unknown, sid = 'Grant') =>
  policy(allow('s3:GetObject', `${BUCKET}/*`, { Sid: sid, Principal: principal }));
const READ = policy(allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'IdentityRead' }));
const NOTHING_S3 = policy(allow('sqs:*', '*', { Sid: 'OnlySqs' }));

function get(policies: PolicyCase['policies'], expect: PolicyCase['expect'], more: Partial<PolicyCase> = {}) {
  return { principal: me, action: 's3:GetObject', resource: OBJECT, policies, expect, ...more };
}

const ROLE_ROW = 'role ARN named in the bucket policy';
const RP = 'IAM UG, eval logic: Resource-based policies';

const rows: CaseRow[] = [
  // The role ARN: limited by boundary and session policy, not by the identity policy.
  [
    `${ROLE_ROW}: allowed without any identity-based Allow (${RP}, "an IAM role ARN": not limited by an implicit deny in identity-based policies)`,
    get({ resourcePolicy: grant({ AWS: ROLE_ARN }) }, 'Allow', { sids: { allows: ['Grant'] } }),
  ],
  [
    `${ROLE_ROW}: identity policies that allow other things only do not limit it (${RP})`,
    get({ identity: [NOTHING_S3], resourcePolicy: grant({ AWS: ROLE_ARN }) }, 'Allow'),
  ],
  [
    `${ROLE_ROW}: a boundary that does not allow the action denies (${RP}: role ARN grants are limited by an implicit deny in a permissions boundary)`,
    get(
      { resourcePolicy: grant({ AWS: ROLE_ARN }), permissionsBoundary: policy(allow('sqs:*', '*')) },
      'ImplicitDeny',
    ),
  ],
  [
    `${ROLE_ROW}: a boundary that allows the action: Allow (${RP})`,
    get(
      { resourcePolicy: grant({ AWS: ROLE_ARN }), permissionsBoundary: policy(allow('s3:*', '*')) },
      'Allow',
    ),
  ],
  [
    `${ROLE_ROW}: a session policy that does not allow the action denies (${RP}: role ARN grants are limited by an implicit deny in a session policy)`,
    get(
      { resourcePolicy: grant({ AWS: ROLE_ARN }), sessionPolicy: policy(allow('sqs:*', '*')) },
      'ImplicitDeny',
    ),
  ],
  [
    `${ROLE_ROW}: a session policy that allows the action: Allow (${RP})`,
    get(
      { resourcePolicy: grant({ AWS: ROLE_ARN }), sessionPolicy: policy(allow('s3:GetObject', '*')) },
      'Allow',
    ),
  ],
  [
    `${ROLE_ROW} with its path: matches a session of the role (IAM UG, Principal element: role principals; the role ARN includes the path)`,
    {
      principal: session({ path: '/service/' }),
      action: 's3:GetObject',
      resource: OBJECT,
      policies: { resourcePolicy: grant({ AWS: `arn:aws:iam::${A}:role/service/app-task-role` }) },
      expect: 'Allow',
    },
  ],
  // The session ARN: not limited by anything but an explicit deny.
  [
    `session ARN named: allowed without any identity-based Allow (${RP}: "Permissions granted directly to a session are not limited by an implicit deny in an identity-based policy")`,
    get({ resourcePolicy: grant({ AWS: SESSION_ARN }) }, 'Allow', { sids: { allows: ['Grant'] } }),
  ],
  [
    `session ARN named: a boundary that does not allow the action does not limit it (${RP}: "... a permissions boundary, or session policy")`,
    get(
      { resourcePolicy: grant({ AWS: SESSION_ARN }), permissionsBoundary: policy(allow('sqs:*', '*')) },
      'Allow',
    ),
  ],
  [
    `session ARN named: a session policy that does not allow the action does not limit it (${RP}: "... a permissions boundary, or session policy")`,
    get({ resourcePolicy: grant({ AWS: SESSION_ARN }), sessionPolicy: policy(allow('sqs:*', '*')) }, 'Allow'),
  ],
  [
    `another session of the same role named: no match, implicit deny (IAM UG, Principal element: role sessions "must name a specific session")`,
    get(
      { resourcePolicy: grant({ AWS: `arn:aws:sts::${A}:assumed-role/app-task-role/other-session` }) },
      'ImplicitDeny',
      { sids: { notMatched: ['Grant'] } },
    ),
  ],
  // The account: delegates to the account's identity-based policies.
  [
    `account root named: delegation, no identity Allow, implicit deny (IAM UG, Principal element: "you delegate authority to the account"; identity policy must allow)`,
    get({ resourcePolicy: grant({ AWS: `arn:aws:iam::${A}:root` }) }, 'ImplicitDeny'),
  ],
  [
    `account root named and an identity Allow: Allow (IAM UG, Principal element: AWS account principals)`,
    get({ identity: [READ], resourcePolicy: grant({ AWS: `arn:aws:iam::${A}:root` }) }, 'Allow'),
  ],
  [
    `account id named: delegation, no identity Allow, implicit deny (IAM UG, Principal element: "AWS": "123456789012" is the same as the root ARN)`,
    get({ resourcePolicy: grant({ AWS: A }) }, 'ImplicitDeny'),
  ],
  [
    `account id named and an identity Allow: Allow (IAM UG, Principal element: AWS account principals)`,
    get({ identity: [READ], resourcePolicy: grant({ AWS: A }) }, 'Allow'),
  ],
  [
    `account named, identity Allow, boundary without an Allow: implicit deny (IAM UG, Permissions boundaries: effective permissions of identity-based policies)`,
    get(
      {
        identity: [READ],
        resourcePolicy: grant({ AWS: A }),
        permissionsBoundary: policy(allow('sqs:*', '*')),
      },
      'ImplicitDeny',
    ),
  ],
  // Everyone.
  [
    `"Principal": "*": allowed without any identity-based Allow (IAM UG, Principal element: "*" grants everyone; ${RP})`,
    get({ resourcePolicy: grant('*') }, 'Allow'),
  ],
  [
    `"Principal": {"AWS": "*"}: allowed without any identity-based Allow (IAM UG, Principal element: "*" and {"AWS": "*"} both name all principals)`,
    get({ resourcePolicy: grant({ AWS: '*' }) }, 'Allow'),
  ],
  [
    `"*" with aws:PrincipalArn naming the role: allowed, not limited by the boundary (IAM UG, Principal element: not limited by boundary or session policy "unless the identity-based policies contain an explicit deny")`,
    get(
      {
        resourcePolicy: policy(
          allow('s3:GetObject', `${BUCKET}/*`, {
            Sid: 'ByPrincipalArn',
            Principal: '*',
            Condition: { ArnEquals: { 'aws:PrincipalArn': ROLE_ARN } },
          }),
        ),
        permissionsBoundary: policy(allow('sqs:*', '*')),
      },
      'Allow',
      { sids: { allows: ['ByPrincipalArn'] } },
    ),
  ],
  [
    `"*" with aws:PrincipalArn naming the role but an identity Deny: explicit deny (IAM UG, Principal element: "unless the identity-based policies contain an explicit deny")`,
    get(
      {
        identity: [policy(deny('s3:*', '*', { Sid: 'IdentityNoS3' }))],
        resourcePolicy: policy(
          allow('s3:GetObject', `${BUCKET}/*`, {
            Principal: '*',
            Condition: { ArnEquals: { 'aws:PrincipalArn': ROLE_ARN } },
          }),
        ),
      },
      'ExplicitDeny',
      { sids: { denies: ['IdentityNoS3'] } },
    ),
  ],
  [
    `"*" with aws:PrincipalArn naming another role: the statement does not apply (IAM UG, Condition element; aws:PrincipalArn)`,
    get(
      {
        resourcePolicy: policy(
          allow('s3:GetObject', `${BUCKET}/*`, {
            Sid: 'OtherRole',
            Principal: '*',
            Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/other-role` } },
          }),
        ),
      },
      'ImplicitDeny',
      { sids: { notMatched: ['OtherRole'] } },
    ),
  ],
  // Grants to someone else.
  [
    `bucket policy names another role and no identity Allow: implicit deny (IAM UG, Principal element: the statement applies only to the principals it names)`,
    get({ resourcePolicy: grant({ AWS: `arn:aws:iam::${A}:role/other-role` }) }, 'ImplicitDeny', {
      sids: { notMatched: ['Grant'] },
    }),
  ],
  [
    `bucket policy names another role but the identity policy allows: Allow (IAM UG, eval logic single account: "If either the identity-based policy or the resource-based policy ... allows the request ... the request is still allowed")`,
    get({ identity: [READ], resourcePolicy: grant({ AWS: `arn:aws:iam::${A}:role/other-role` }) }, 'Allow', {
      sids: { allows: ['IdentityRead'] },
    }),
  ],
  [
    `bucket policy names another account's root: no match, implicit deny (IAM UG, Principal element: AWS account principals)`,
    get({ resourcePolicy: grant({ AWS: `arn:aws:iam::${B}:root` }) }, 'ImplicitDeny'),
  ],
  [
    `bucket policy allows only another action: the identity side decides (IAM UG, eval logic single account)`,
    get(
      {
        identity: [READ],
        resourcePolicy: policy(
          allow('s3:PutObject', `${BUCKET}/*`, { Sid: 'Put', Principal: { AWS: SESSION_ARN } }),
        ),
      },
      'Allow',
      { sids: { allows: ['IdentityRead'] } },
    ),
  ],
  [
    `a resource-based Deny naming the role ARN denies its sessions (IAM UG, Principal element: a role ARN names the role's sessions; deny evaluation)`,
    get(
      {
        identity: [READ],
        resourcePolicy: policy(
          deny('s3:GetObject', `${BUCKET}/*`, { Sid: 'NoRole', Principal: { AWS: ROLE_ARN } }),
        ),
      },
      'ExplicitDeny',
      { sids: { denies: ['NoRole'] } },
    ),
  ],
  [
    `a resource-based Deny naming another role does not apply (IAM UG, Principal element)`,
    get(
      {
        identity: [READ],
        resourcePolicy: policy(
          deny('s3:GetObject', `${BUCKET}/*`, {
            Sid: 'NoOther',
            Principal: { AWS: `arn:aws:iam::${A}:role/other` },
          }),
        ),
      },
      'Allow',
      { sids: { notMatched: ['NoOther'] } },
    ),
  ],
];

describe('same-account resource-based policies', () => runCases(rows));
