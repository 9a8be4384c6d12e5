/**
 * Role trust policies (`iam:role-trust`): who may call sts:AssumeRole on the ECS task role. Trust
 * policies "must explicitly allow access for principals" (IAM UG, "How AWS enforcement code logic
 * evaluates requests": role trust policies and KMS key policies are exceptions).
 */
import { describe } from 'vitest';
import {
  A,
  allow,
  B,
  type CaseRow,
  deny,
  FULL_ACCESS,
  type PolicyCase,
  policy,
  ROLE_ARN,
  runCases,
  service,
  session,
  user,
} from './case-runner.js';

const ECS = service('ecs-tasks.amazonaws.com');
const trust = (principal: unknown, more: Record<string, unknown> = {}) =>
  policy({ Sid: 'Trust', Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...more });
const ASSUME = policy(allow('sts:AssumeRole', ROLE_ARN, { Sid: 'IdentityAssume' }));
const TR = 'IAM UG, Roles terms: trust policy';

function assume(
  principal: PolicyCase['principal'],
  policies: PolicyCase['policies'],
  expect: PolicyCase['expect'],
  more: Partial<PolicyCase> = {},
): PolicyCase {
  return {
    principal,
    action: 'sts:AssumeRole',
    resource: ROLE_ARN,
    policies: { resourceKind: 'iam:role-trust', ...policies },
    expect,
    ...more,
  };
}

const SOURCE_ACCOUNT = { StringEquals: { 'aws:SourceAccount': A } };

const rows: CaseRow[] = [
  // The ECS task role, assumed by the ECS tasks service.
  [
    `ecs-tasks.amazonaws.com trusted: the service assumes the task role (ECS DG, Task IAM role: trust policy for ecs-tasks.amazonaws.com; ${TR})`,
    assume(ECS, { resourcePolicy: trust({ Service: 'ecs-tasks.amazonaws.com' }) }, 'Allow', {
      sids: { allows: ['Trust'] },
    }),
  ],
  [
    `a trust policy for another service does not let ecs-tasks assume the role (IAM UG, Principal element: AWS service principals)`,
    assume(ECS, { resourcePolicy: trust({ Service: 'lambda.amazonaws.com' }) }, 'ImplicitDeny', {
      sids: { notMatched: ['Trust'] },
    }),
  ],
  [
    `a service principal listed with others in the trust policy matches (IAM UG, Principal element: "Service": [...] is an OR)`,
    assume(
      ECS,
      { resourcePolicy: trust({ Service: ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com'] }) },
      'Allow',
    ),
  ],
  [
    `trust with aws:SourceAccount equal to the request's: Allow (IAM UG, The confused deputy problem: aws:SourceAccount in trust policies)`,
    assume(
      ECS,
      { resourcePolicy: trust({ Service: 'ecs-tasks.amazonaws.com' }, { Condition: SOURCE_ACCOUNT }) },
      'Allow',
      { context: { 'aws:SourceAccount': A } },
    ),
  ],
  [
    `trust with aws:SourceAccount, a request from another account: implicit deny (IAM UG, The confused deputy problem)`,
    assume(
      ECS,
      { resourcePolicy: trust({ Service: 'ecs-tasks.amazonaws.com' }, { Condition: SOURCE_ACCOUNT }) },
      'ImplicitDeny',
      { context: { 'aws:SourceAccount': B }, sids: { notMatched: ['Trust'] } },
    ),
  ],
  [
    `trust with aws:SourceAccount, the key absent: implicit deny (IAM UG, Condition element: "If the key ... is not present in the request context, the values do not match")`,
    assume(
      ECS,
      { resourcePolicy: trust({ Service: 'ecs-tasks.amazonaws.com' }, { Condition: SOURCE_ACCOUNT }) },
      'ImplicitDeny',
    ),
  ],
  [
    `trust with aws:SourceArn ArnLike on the account's ECS resources: Allow (IAM UG, global keys: aws:SourceArn; ArnLike)`,
    assume(
      ECS,
      {
        resourcePolicy: trust(
          { Service: 'ecs-tasks.amazonaws.com' },
          { Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:ecs:us-east-1:${A}:*` } } },
        ),
      },
      'Allow',
      { context: { 'aws:SourceArn': `arn:aws:ecs:us-east-1:${A}:task/app-cluster/0123456789abcdef` } },
    ),
  ],
  [
    `a trust Deny for the service: explicit deny (IAM UG, eval logic: deny evaluation covers resource-based policies)`,
    assume(
      ECS,
      {
        resourcePolicy: policy(
          { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
          {
            Sid: 'NotFromOthers',
            Effect: 'Deny',
            Principal: { Service: 'ecs-tasks.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringNotEquals: { 'aws:SourceAccount': A } },
          },
        ),
      },
      'ExplicitDeny',
      { context: { 'aws:SourceAccount': B }, sids: { denies: ['NotFromOthers'] } },
    ),
  ],
  [
    `a trust policy that allows only sts:TagSession: implicit deny for sts:AssumeRole (IAM UG, Action element)`,
    assume(
      ECS,
      {
        resourcePolicy: policy({
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:TagSession',
        }),
      },
      'ImplicitDeny',
    ),
  ],
  [
    `SCPs do not restrict a service principal assuming the role (Orgs UG, SCPs: they "affect only IAM users and roles that are managed by accounts that are part of the organization")`,
    assume(
      ECS,
      {
        resourcePolicy: trust({ Service: 'ecs-tasks.amazonaws.com' }),
        scps: [[FULL_ACCESS, policy(deny('sts:*', '*'))]],
      },
      'Allow',
    ),
  ],
  // Roles and users in another account.
  [
    `trust names another account's root and that account's identity policy allows: Allow (IAM UG, Cross-account policy evaluation logic; STS API, AssumeRole: the other account must delegate)`,
    assume(
      session({ account: B, role: 'deployer' }),
      { identity: [ASSUME], resourcePolicy: trust({ AWS: `arn:aws:iam::${B}:root` }) },
      'Allow',
      { sids: { allows: ['Trust', 'IdentityAssume'] } },
    ),
  ],
  [
    `trust names another account's root but no identity Allow there: implicit deny (STS API, AssumeRole: "must also have permissions that are delegated from the account administrator")`,
    assume(
      session({ account: B, role: 'deployer' }),
      { resourcePolicy: trust({ AWS: `arn:aws:iam::${B}:root` }) },
      'ImplicitDeny',
    ),
  ],
  [
    `trust names another account's root, identity Allow, but that caller's boundary does not allow: implicit deny (IAM UG, Cross-account policy evaluation logic)`,
    assume(
      session({ account: B, role: 'deployer' }),
      {
        identity: [ASSUME],
        resourcePolicy: trust({ AWS: `arn:aws:iam::${B}:root` }),
        permissionsBoundary: policy(allow('s3:*', '*')),
      },
      'ImplicitDeny',
    ),
  ],
  [
    `trust names a role in another account directly, no identity Allow there: implicit deny (IAM UG, Cross-account policy evaluation logic)`,
    assume(
      session({ account: B, role: 'deployer' }),
      { resourcePolicy: trust({ AWS: `arn:aws:iam::${B}:role/deployer` }) },
      'ImplicitDeny',
    ),
  ],
  [
    `trust names a role in another account directly and its identity policy allows: Allow (IAM UG, Cross-account policy evaluation logic)`,
    assume(
      session({ account: B, role: 'deployer' }),
      { identity: [ASSUME], resourcePolicy: trust({ AWS: `arn:aws:iam::${B}:role/deployer` }) },
      'Allow',
    ),
  ],
  [
    `trust names a different account than the caller's: implicit deny even with an identity Allow (IAM UG, Principal element)`,
    assume(
      session({ account: B, role: 'deployer' }),
      { identity: [ASSUME], resourcePolicy: trust({ AWS: `arn:aws:iam::999988887777:root` }) },
      'ImplicitDeny',
    ),
  ],
  // Same account.
  [
    `trust names its own account and a user there has an identity Allow: Allow (STS API, AssumeRole: "Attach a policy to the user that allows the user to call AssumeRole (as long as the role's trust policy trusts the account)")`,
    assume(
      user('alice'),
      { identity: [ASSUME], resourcePolicy: trust({ AWS: `arn:aws:iam::${A}:root` }) },
      'Allow',
    ),
  ],
  [
    `trust names its own account, the user has no identity Allow: implicit deny (STS API, AssumeRole; IAM UG, Principal element: account principals delegate)`,
    assume(user('alice'), { resourcePolicy: trust({ AWS: `arn:aws:iam::${A}:root` }) }, 'ImplicitDeny'),
  ],
  [
    `trust names a user of the same account directly: Allow without an identity Allow (STS API, AssumeRole: "Add the user as a principal directly in the role's trust policy")`,
    assume(user('alice'), { resourcePolicy: trust({ AWS: `arn:aws:iam::${A}:user/alice` }) }, 'Allow'),
  ],
  [
    `trust names a user directly, but the user's boundary does not allow sts:AssumeRole: implicit deny (IAM UG, Update a role trust policy: "If a permissions boundary is set for the user, then it must allow the sts:AssumeRole action")`,
    assume(
      user('alice'),
      {
        resourcePolicy: trust({ AWS: `arn:aws:iam::${A}:user/alice` }),
        permissionsBoundary: policy(allow('s3:*', '*')),
      },
      'ImplicitDeny',
    ),
  ],
  [
    `trust names a user directly and the user's boundary allows sts:AssumeRole: Allow (IAM UG, Update a role trust policy)`,
    assume(
      user('alice'),
      {
        resourcePolicy: trust({ AWS: `arn:aws:iam::${A}:user/alice` }),
        permissionsBoundary: policy(allow('sts:AssumeRole', '*')),
      },
      'Allow',
    ),
  ],
];

describe('role trust policies', () => runCases(rows));
