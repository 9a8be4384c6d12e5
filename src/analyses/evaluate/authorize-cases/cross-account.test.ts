/**
 * Cross-account requests: "The request is allowed only if both evaluations return a decision of
 * Allow" (IAM UG, "Cross-account policy evaluation logic"). The caller is a session in account A,
 * the resource belongs to account B.
 */
import { describe } from 'vitest';
import {
  A,
  allow,
  B,
  BUCKET,
  type CaseRow,
  deny,
  FULL_ACCESS,
  OBJECT,
  type PolicyCase,
  policy,
  QUEUE_B,
  RCP_FULL_ACCESS,
  ROLE_ARN,
  runCases,
  SESSION_ARN,
  session,
} from './case-runner.js';

const me = session();
const READ = policy(allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'IdentityRead' }));
const grant = (principal: unknown) =>
  policy(allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'BucketGrant', Principal: principal }));
const XA = 'IAM UG, Cross-account policy evaluation logic';

function get(policies: PolicyCase['policies'], expect: PolicyCase['expect'], more: Partial<PolicyCase> = {}) {
  return {
    principal: me,
    action: 's3:GetObject',
    resource: OBJECT,
    resourceAccount: B,
    policies,
    expect,
    ...more,
  };
}

const SEND = policy(allow('sqs:SendMessage', QUEUE_B, { Sid: 'IdentitySend' }));
const queueGrant = (principal: unknown) =>
  policy(allow('sqs:SendMessage', QUEUE_B, { Sid: 'QueueGrant', Principal: principal }));

const rows: CaseRow[] = [
  [
    `identity Allow without a resource-based policy: implicit deny (${XA}: the trusting account must allow)`,
    get({ identity: [READ] }, 'ImplicitDeny'),
  ],
  [
    `bucket policy names the caller's account and the identity policy allows: Allow (${XA}: "both evaluations return a decision of Allow")`,
    get({ identity: [READ], resourcePolicy: grant({ AWS: `arn:aws:iam::${A}:root` }) }, 'Allow', {
      sids: { allows: ['IdentityRead', 'BucketGrant'] },
    }),
  ],
  [
    `bucket policy names the caller's account id and the identity policy allows: Allow (${XA}; IAM UG, Principal element: account id)`,
    get({ identity: [READ], resourcePolicy: grant({ AWS: A }) }, 'Allow'),
  ],
  [
    `bucket policy names the caller's account but no identity Allow: implicit deny (${XA}: the trusted account must allow)`,
    get({ resourcePolicy: grant({ AWS: `arn:aws:iam::${A}:root` }) }, 'ImplicitDeny', {
      sids: { allows: ['BucketGrant'] },
    }),
  ],
  [
    `bucket policy names the role ARN and the identity policy allows: Allow (${XA})`,
    get({ identity: [READ], resourcePolicy: grant({ AWS: ROLE_ARN }) }, 'Allow'),
  ],
  [
    `bucket policy names the role ARN but no identity Allow: implicit deny (${XA}: unlike within one account, the grant does not stand alone)`,
    get({ resourcePolicy: grant({ AWS: ROLE_ARN }) }, 'ImplicitDeny'),
  ],
  [
    `bucket policy names the session ARN but no identity Allow: implicit deny (${XA})`,
    get({ resourcePolicy: grant({ AWS: SESSION_ARN }) }, 'ImplicitDeny'),
  ],
  [
    `bucket policy names the session ARN and the identity policy allows: Allow (${XA})`,
    get({ identity: [READ], resourcePolicy: grant({ AWS: SESSION_ARN }) }, 'Allow'),
  ],
  [
    `bucket policy with "Principal": "*" and an identity Allow: Allow (${XA}; IAM UG, Principal element: "*")`,
    get({ identity: [READ], resourcePolicy: grant('*') }, 'Allow'),
  ],
  [
    `bucket policy with "Principal": "*" but no identity Allow: implicit deny (${XA})`,
    get({ resourcePolicy: grant('*') }, 'ImplicitDeny'),
  ],
  [
    `bucket policy names only the owner account: the caller is not named, implicit deny (${XA}; IAM UG, Principal element)`,
    get({ identity: [READ], resourcePolicy: grant({ AWS: `arn:aws:iam::${B}:root` }) }, 'ImplicitDeny'),
  ],
  [
    `both sides allow but the caller's boundary does not: implicit deny (${XA}: the trusted account evaluates boundary and session policy)`,
    get(
      {
        identity: [READ],
        resourcePolicy: grant({ AWS: `arn:aws:iam::${A}:root` }),
        permissionsBoundary: policy(allow('sqs:*', '*')),
      },
      'ImplicitDeny',
    ),
  ],
  [
    `both sides allow but the session policy does not: implicit deny (${XA})`,
    get(
      {
        identity: [READ],
        resourcePolicy: grant({ AWS: ROLE_ARN }),
        sessionPolicy: policy(allow('sqs:*', '*')),
      },
      'ImplicitDeny',
    ),
  ],
  [
    `an identity Deny overrides the bucket grant (${XA}; IAM UG, eval logic: deny evaluation)`,
    get(
      {
        identity: [READ, policy(deny('s3:*', `${BUCKET}/*`, { Sid: 'NoBucket' }))],
        resourcePolicy: grant({ AWS: `arn:aws:iam::${A}:root` }),
      },
      'ExplicitDeny',
      { sids: { denies: ['NoBucket'] } },
    ),
  ],
  [
    `a bucket-policy Deny on principals outside the owner account (aws:PrincipalAccount) denies (${XA}; IAM UG, global keys: aws:PrincipalAccount)`,
    get(
      {
        identity: [READ],
        resourcePolicy: policy(
          allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: A } }),
          deny('s3:*', `${BUCKET}/*`, {
            Sid: 'OwnerOnly',
            Principal: '*',
            Condition: { StringNotEquals: { 'aws:PrincipalAccount': B } },
          }),
        ),
      },
      'ExplicitDeny',
      { sids: { denies: ['OwnerOnly'] } },
    ),
  ],
  [
    `an SCP on the caller's account without an Allow denies (${XA}: the trusted account evaluates SCPs)`,
    get(
      {
        identity: [READ],
        resourcePolicy: grant({ AWS: A }),
        scps: [[FULL_ACCESS], [policy(allow('ec2:*', '*'))]],
      },
      'Deny',
    ),
  ],
  [
    `an RCP Deny on the resource owner's side denies (Orgs UG, RCPs: "That RCP applies to the S3 bucket in Account A even when accessed by users from Account B")`,
    get(
      {
        identity: [READ],
        resourcePolicy: grant({ AWS: A }),
        rcps: [
          [
            RCP_FULL_ACCESS,
            policy(
              deny('s3:*', '*', {
                Sid: 'OrgOnly',
                Principal: '*',
                Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-owner' } },
              }),
            ),
          ],
        ],
      },
      'ExplicitDeny',
      { context: { 'aws:PrincipalOrgID': 'o-caller' }, sids: { denies: ['OrgOnly'] } },
    ),
  ],
  // The resource's account taken from its ARN.
  [
    `a queue ARN in another account makes the request cross-account; no queue policy: implicit deny (${XA}; ARN format: the account field)`,
    {
      principal: me,
      action: 'sqs:SendMessage',
      resource: QUEUE_B,
      policies: { identity: [SEND] },
      expect: 'ImplicitDeny',
    },
  ],
  [
    `a queue policy naming the caller's account and an identity Allow: Allow (${XA})`,
    {
      principal: me,
      action: 'sqs:SendMessage',
      resource: QUEUE_B,
      policies: { identity: [SEND], resourcePolicy: queueGrant({ AWS: `arn:aws:iam::${A}:root` }) },
      expect: 'Allow',
      sids: { allows: ['IdentitySend', 'QueueGrant'] },
    },
  ],
  [
    `a queue policy naming the role but no identity Allow: implicit deny (${XA})`,
    {
      principal: me,
      action: 'sqs:SendMessage',
      resource: QUEUE_B,
      policies: { resourcePolicy: queueGrant({ AWS: ROLE_ARN }) },
      expect: 'ImplicitDeny',
    },
  ],
  [
    `resourceAccount equal to the caller's account: same-account rules, the role grant stands alone (IAM UG, eval logic: Resource-based policies, single account)`,
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      resourceAccount: A,
      policies: { resourcePolicy: grant({ AWS: ROLE_ARN }) },
      expect: 'Allow',
    },
  ],
];

describe('cross-account', () => runCases(rows));
