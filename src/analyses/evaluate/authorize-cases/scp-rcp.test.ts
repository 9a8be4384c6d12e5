/**
 * AWS Organizations SCPs (the principal's account) and RCPs (the resource's account): every level
 * root → OU → account must allow; a Deny anywhere denies. A level without an Allow is checked with
 * `Deny` (either kind): AWS documents the deny, not its kind (aws-facts §5.1).
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
  KEY_A,
  OBJECT,
  type PolicyCase,
  policy,
  QUEUE_A,
  RCP_FULL_ACCESS,
  ROLE_ARN,
  runCases,
  service,
  session,
} from './case-runner.js';

const me = session();
const READ = policy(allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'IdentityRead' }));
const ALL = policy(allow('*', '*', { Sid: 'IdentityAll' }));
const SCP = 'Orgs UG, SCP evaluation';
const RCP = 'Orgs UG, RCP evaluation';
const rcpDeny = (action: string, sid: string, condition?: Record<string, unknown>) =>
  policy({ Sid: sid, Effect: 'Deny', Principal: '*', Action: action, Resource: '*', Condition: condition });
const rcpAllow = (action: string) =>
  policy({ Effect: 'Allow', Principal: '*', Action: action, Resource: '*' });

function get(policies: PolicyCase['policies'], expect: PolicyCase['expect'], more: Partial<PolicyCase> = {}) {
  return { principal: me, action: 's3:GetObject', resource: OBJECT, policies, expect, ...more };
}

const LOGS = service('logs.us-east-1.amazonaws.com');
const LOGS_KEY_POLICY = policy({
  Effect: 'Allow',
  Principal: { Service: 'logs.us-east-1.amazonaws.com' },
  Action: 'kms:Decrypt',
  Resource: '*',
});
/** The example RCP of the KMS DG, "Resource control policies in AWS KMS", as printed there. */
const KMS_DEPUTY_RCP = policy({
  Sid: 'RCPEnforceConfusedDeputyProtection',
  Effect: 'Deny',
  Principal: '*',
  Action: 'kms:*',
  Resource: '*',
  Condition: {
    StringNotEqualsIfExists: { 'aws:SourceOrgID': 'my-org-id' },
    Bool: { 'aws:PrincipalIsAWSService': 'true' },
    Null: { 'aws:SourceAccount': 'false' },
  },
});

const ECS_TRUST = policy({
  Effect: 'Allow',
  Principal: { Service: 'ecs-tasks.amazonaws.com' },
  Action: 'sts:AssumeRole',
});

const rows: CaseRow[] = [
  // SCPs.
  [
    `FullAWSAccess at the only level and an identity Allow: Allow (${SCP}: FullAWSAccess "allows all services and actions")`,
    get({ identity: [READ], scps: [[FULL_ACCESS]] }, 'Allow', { sids: { allows: ['FullAWSAccess'] } }),
  ],
  [
    `root, OU and account each allow s3:*: Allow (${SCP}: "an explicit Allow statement at every level from the root through each OU ... to the account")`,
    get(
      {
        identity: [READ],
        scps: [[FULL_ACCESS], [policy(allow('s3:*', '*'))], [policy(allow('s3:Get*', '*'))]],
      },
      'Allow',
    ),
  ],
  [
    `the OU level allows only ec2: the request is denied (${SCP}: without an Allow at any one level, access is denied)`,
    get({ identity: [READ], scps: [[FULL_ACCESS], [policy(allow('ec2:*', '*'))], [FULL_ACCESS]] }, 'Deny'),
  ],
  [
    `the account level has no policy allowing s3: the request is denied (${SCP}: every level must allow)`,
    get({ identity: [READ], scps: [[FULL_ACCESS], [policy(allow('sqs:*', '*'))]] }, 'Deny'),
  ],
  [
    `one of two policies at a level allows: that level allows (${SCP}: each level needs an Allow statement)`,
    get(
      {
        identity: [READ],
        scps: [[FULL_ACCESS], [policy(allow('ec2:*', '*')), policy(allow('s3:GetObject', '*'))]],
      },
      'Allow',
    ),
  ],
  [
    `a Deny at the account level overrides FullAWSAccess above (${SCP}: "How SCPs work with Deny")`,
    get(
      {
        identity: [READ],
        scps: [[FULL_ACCESS], [FULL_ACCESS, policy(deny('s3:*', '*', { Sid: 'NoS3' }))]],
      },
      'ExplicitDeny',
      { sids: { denies: ['NoS3'] } },
    ),
  ],
  [
    `an SCP Deny with NotAction denies other services (${SCP}; IAM UG, NotAction with Deny)`,
    {
      principal: me,
      action: 'sqs:SendMessage',
      resource: QUEUE_A,
      policies: {
        identity: [ALL],
        scps: [[FULL_ACCESS, policy({ Sid: 'OnlyS3', Effect: 'Deny', NotAction: 's3:*', Resource: '*' })]],
      },
      expect: 'ExplicitDeny',
      sids: { denies: ['OnlyS3'] },
    },
  ],
  [
    `an SCP Deny with NotAction leaves the listed service alone (${SCP}; IAM UG, NotAction with Deny)`,
    get(
      {
        identity: [READ],
        scps: [[FULL_ACCESS, policy({ Sid: 'OnlyS3', Effect: 'Deny', NotAction: 's3:*', Resource: '*' })]],
      },
      'Allow',
      { sids: { notMatched: ['OnlyS3'] } },
    ),
  ],
  [
    `an SCP region Deny with aws:RequestedRegion outside the list denies (${SCP}; IAM UG, global keys: aws:RequestedRegion)`,
    {
      principal: me,
      action: 'sqs:SendMessage',
      resource: `arn:aws:sqs:ap-south-1:${A}:app-queue`,
      policies: {
        identity: [ALL],
        scps: [
          [
            FULL_ACCESS,
            policy(
              deny('*', '*', {
                Sid: 'Regions',
                Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
              }),
            ),
          ],
        ],
      },
      expect: 'ExplicitDeny',
      sids: { denies: ['Regions'] },
    },
  ],
  [
    `an SCP region Deny leaves requests in an allowed region alone (${SCP}; IAM UG, global keys: aws:RequestedRegion)`,
    {
      principal: me,
      action: 'sqs:SendMessage',
      resource: QUEUE_A,
      policies: {
        identity: [ALL],
        scps: [
          [
            FULL_ACCESS,
            policy(
              deny('*', '*', {
                Sid: 'Regions',
                Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
              }),
            ),
          ],
        ],
      },
      expect: 'Allow',
      sids: { notMatched: ['Regions'] },
    },
  ],
  [
    `an SCP level without an Allow does not restrict a service principal (Orgs UG, SCPs: they "affect only IAM users and roles that are managed by accounts that are part of the organization")`,
    {
      principal: service('ecs-tasks.amazonaws.com'),
      action: 'sts:AssumeRole',
      resource: ROLE_ARN,
      policies: {
        resourcePolicy: ECS_TRUST,
        resourceKind: 'iam:role-trust',
        scps: [[policy(allow('ec2:*', '*'))]],
      },
      expect: 'Allow',
    },
  ],
  // RCPs.
  [
    `RCPFullAWSAccess and an identity Allow: Allow (${RCP}: RCPFullAWSAccess is attached to every level)`,
    get({ identity: [READ], rcps: [[RCP_FULL_ACCESS], [RCP_FULL_ACCESS]] }, 'Allow'),
  ],
  [
    `an RCP Deny on s3 denies (${RCP}: a Deny in any RCP level applies; S3 supports RCPs)`,
    get(
      {
        identity: [READ],
        rcps: [[RCP_FULL_ACCESS], [RCP_FULL_ACCESS, rcpDeny('s3:GetObject', 'RcpNoRead')]],
      },
      'ExplicitDeny',
      {
        sids: { denies: ['RcpNoRead'] },
      },
    ),
  ],
  [
    `an RCP level without an Allow denies (IAM UG, eval logic: "If the enforcement code does not find any applicable Allow statements in the RCPs, then the enforcement code returns a final decision of Deny")`,
    get({ identity: [READ], rcps: [[RCP_FULL_ACCESS], [rcpAllow('sqs:*')]] }, 'Deny'),
  ],
  [
    `an RCP Deny for a service without RCP support does not apply (Orgs UG, RCPs: "List of AWS services that support RCPs"; ECS is not listed)`,
    {
      principal: me,
      action: 'ecs:ListClusters',
      resource: '*',
      policies: { identity: [ALL], rcps: [[RCP_FULL_ACCESS, rcpDeny('*', 'RcpNoAll')]] },
      expect: 'Allow',
    },
  ],
  [
    `an RCP level without an Allow does not restrict a service without RCP support (Orgs UG, RCPs: "RCPs apply to actions for the following AWS services")`,
    {
      principal: me,
      action: 'ecs:ListClusters',
      resource: '*',
      policies: { identity: [ALL], rcps: [[rcpAllow('s3:*')]] },
      expect: 'Allow',
    },
  ],
  [
    `an RCP data-perimeter Deny (aws:PrincipalOrgID) lets principals of the organization through (Orgs UG, RCP examples: StringNotEqualsIfExists aws:PrincipalOrgID)`,
    get(
      {
        identity: [READ],
        rcps: [
          [
            RCP_FULL_ACCESS,
            rcpDeny('s3:*', 'Perimeter', { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-mine' } }),
          ],
        ],
      },
      'Allow',
      { context: { 'aws:PrincipalOrgID': 'o-mine' }, sids: { notMatched: ['Perimeter'] } },
    ),
  ],
  [
    `an RCP data-perimeter Deny denies principals of another organization (Orgs UG, RCP examples)`,
    get(
      {
        identity: [READ],
        resourcePolicy: policy(allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: A } })),
        rcps: [
          [
            RCP_FULL_ACCESS,
            rcpDeny('s3:*', 'Perimeter', { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-mine' } }),
          ],
        ],
      },
      'ExplicitDeny',
      { resourceAccount: B, context: { 'aws:PrincipalOrgID': 'o-other' }, sids: { denies: ['Perimeter'] } },
    ),
  ],
  [
    `an RCP Deny applies to a service principal (Orgs UG, RCPs: they affect principals "regardless of whether the principals belong to the same organizations or not"; only service-linked roles are exempt)`,
    {
      principal: service('ecs-tasks.amazonaws.com'),
      action: 'sts:AssumeRole',
      resource: ROLE_ARN,
      context: { 'aws:SourceAccount': B },
      policies: {
        resourcePolicy: ECS_TRUST,
        resourceKind: 'iam:role-trust',
        rcps: [
          [
            RCP_FULL_ACCESS,
            rcpDeny('sts:AssumeRole', 'ConfusedDeputy', {
              StringNotEqualsIfExists: { 'aws:SourceAccount': A },
              Bool: { 'aws:PrincipalIsAWSService': 'true' },
            }),
          ],
        ],
      },
      expect: 'ExplicitDeny',
      sids: { denies: ['ConfusedDeputy'] },
    },
  ],
  [
    `the same RCP lets the service through for requests on behalf of the owner account (Orgs UG, RCP examples: confused deputy protection)`,
    {
      principal: service('ecs-tasks.amazonaws.com'),
      action: 'sts:AssumeRole',
      resource: ROLE_ARN,
      context: { 'aws:SourceAccount': A },
      policies: {
        resourcePolicy: ECS_TRUST,
        resourceKind: 'iam:role-trust',
        rcps: [
          [
            RCP_FULL_ACCESS,
            rcpDeny('sts:AssumeRole', 'ConfusedDeputy', {
              StringNotEqualsIfExists: { 'aws:SourceAccount': A },
              Bool: { 'aws:PrincipalIsAWSService': 'true' },
            }),
          ],
        ],
      },
      expect: 'Allow',
      sids: { notMatched: ['ConfusedDeputy'] },
    },
  ],
  [
    `the KMS DG's confused-deputy RCP denies a service principal acting for another organization (KMS DG, Resource control policies: it "requires that AWS service principals can only access your customer managed KMS keys when the request originates from your organization")`,
    {
      principal: LOGS,
      action: 'kms:Decrypt',
      resource: KEY_A,
      context: { 'aws:SourceAccount': B, 'aws:SourceOrgID': 'o-other' },
      policies: {
        resourcePolicy: LOGS_KEY_POLICY,
        resourceKind: 'kms:key',
        rcps: [[RCP_FULL_ACCESS, KMS_DEPUTY_RCP]],
      },
      expect: 'ExplicitDeny',
      sids: { denies: ['RCPEnforceConfusedDeputyProtection'] },
    },
  ],
  [
    `the KMS DG's confused-deputy RCP lets a service principal acting for the organization through (KMS DG, Resource control policies)`,
    {
      principal: LOGS,
      action: 'kms:Decrypt',
      resource: KEY_A,
      context: { 'aws:SourceAccount': A, 'aws:SourceOrgID': 'my-org-id' },
      policies: {
        resourcePolicy: LOGS_KEY_POLICY,
        resourceKind: 'kms:key',
        rcps: [[RCP_FULL_ACCESS, KMS_DEPUTY_RCP]],
      },
      expect: 'Allow',
      sids: { notMatched: ['RCPEnforceConfusedDeputyProtection'] },
    },
  ],
  [
    `the KMS DG's confused-deputy RCP leaves requests without aws:SourceAccount alone (KMS DG, Resource control policies: "applies the control only on requests that have aws:SourceAccount present")`,
    {
      principal: LOGS,
      action: 'kms:Decrypt',
      resource: KEY_A,
      policies: {
        resourcePolicy: LOGS_KEY_POLICY,
        resourceKind: 'kms:key',
        rcps: [[RCP_FULL_ACCESS, KMS_DEPUTY_RCP]],
      },
      expect: 'Allow',
    },
  ],
];

describe('SCPs and RCPs', () => runCases(rows));
