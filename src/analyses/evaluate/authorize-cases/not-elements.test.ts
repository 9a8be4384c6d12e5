/** NotAction, NotResource and NotPrincipal (IAM UG, "IAM JSON policy elements": each element's page). */
import { describe } from 'vitest';
import {
  A,
  allow,
  B,
  BUCKET,
  type CaseRow,
  type Doc,
  OBJECT,
  type PolicyCase,
  policy,
  QUEUE_A,
  ROLE_ARN,
  runCases,
  SESSION_ARN,
  session,
} from './case-runner.js';

const me = session();
const NA = 'IAM UG, NotAction element';
const NR = 'IAM UG, NotResource element';
const NP = 'IAM UG, NotPrincipal element';
const ALL = policy(allow('*', '*', { Sid: 'All' }));

const notAction = (
  effect: 'Allow' | 'Deny',
  actions: string | string[],
  resource: string | string[],
  sid: string,
) => policy({ Sid: sid, Effect: effect, NotAction: actions, Resource: resource });
const notResource = (
  effect: 'Allow' | 'Deny',
  action: string | string[],
  resources: string | string[],
  sid: string,
) => policy({ Sid: sid, Effect: effect, Action: action, NotResource: resources });

/** A bucket policy granting the role, with a Deny on everyone but the principals listed. */
const fenced = (notPrincipal: string[]): Doc =>
  policy(allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'GrantRole', Principal: { AWS: ROLE_ARN } }), {
    Sid: 'Fence',
    Effect: 'Deny',
    NotPrincipal: { AWS: notPrincipal },
    Action: 's3:*',
    Resource: [BUCKET, `${BUCKET}/*`],
  });

function get(policies: PolicyCase['policies'], expect: PolicyCase['expect'], more: Partial<PolicyCase> = {}) {
  return { principal: me, action: 's3:GetObject', resource: OBJECT, policies, expect, ...more };
}

const rows: CaseRow[] = [
  // NotAction.
  [
    `Allow with NotAction iam:* allows s3:GetObject (${NA}: with Allow, every action not listed is allowed)`,
    get({ identity: [notAction('Allow', 'iam:*', '*', 'NotIam')] }, 'Allow', {
      sids: { allows: ['NotIam'] },
    }),
  ],
  [
    `Allow with NotAction iam:* does not allow iam:CreateUser (${NA})`,
    {
      principal: me,
      action: 'iam:CreateUser',
      resource: `arn:aws:iam::${A}:user/new-user`,
      policies: { identity: [notAction('Allow', 'iam:*', '*', 'NotIam')] },
      expect: 'ImplicitDeny',
      sids: { notMatched: ['NotIam'] },
    },
  ],
  [
    `Allow with NotAction iam:* on a bucket ARN does not grant s3:ListAllMyBuckets (${NA}: "This does not allow users to use the ListAllMyBuckets S3 API operation, because that action requires the "*" resource")`,
    {
      principal: me,
      action: 's3:ListAllMyBuckets',
      resource: '*',
      policies: { identity: [notAction('Allow', 'iam:*', BUCKET, 'NotIamOnBucket')] },
      expect: 'ImplicitDeny',
      sids: { notMatched: ['NotIamOnBucket'] },
    },
  ],
  [
    `Allow with NotAction iam:* on a bucket ARN grants s3:ListBucket on that bucket (${NA}: the Resource element still scopes it)`,
    {
      principal: me,
      action: 's3:ListBucket',
      resource: BUCKET,
      policies: { identity: [notAction('Allow', 'iam:*', BUCKET, 'NotIamOnBucket')] },
      expect: 'Allow',
    },
  ],
  [
    `Allow with NotAction listing the action in other case does not allow it (${NA}; IAM UG, Action element: case-insensitive)`,
    get({ identity: [notAction('Allow', 'S3:GETOBJECT', '*', 'NotGet')] }, 'ImplicitDeny'),
  ],
  [
    `Deny with NotAction s3:* denies sqs:SendMessage (${NA}: with Deny, every action not listed is denied)`,
    {
      principal: me,
      action: 'sqs:SendMessage',
      resource: QUEUE_A,
      policies: { identity: [ALL, notAction('Deny', 's3:*', '*', 'OnlyS3')] },
      expect: 'ExplicitDeny',
      sids: { denies: ['OnlyS3'] },
    },
  ],
  [
    `Deny with NotAction s3:* leaves s3:GetObject alone (${NA})`,
    get({ identity: [ALL, notAction('Deny', 's3:*', '*', 'OnlyS3')] }, 'Allow', {
      sids: { notMatched: ['OnlyS3'] },
    }),
  ],
  [
    `Deny with NotAction s3:Get* denies s3:PutObject (${NA}; IAM UG, Action element: wildcards)`,
    {
      principal: me,
      action: 's3:PutObject',
      resource: OBJECT,
      policies: { identity: [ALL, notAction('Deny', 's3:Get*', '*', 'ReadOnly')] },
      expect: 'ExplicitDeny',
      sids: { denies: ['ReadOnly'] },
    },
  ],
  [
    `Deny with NotAction applies only to its Resource (${NA}: the Resource element limits the statement)`,
    get(
      { identity: [ALL, notAction('Deny', 's3:PutObject', 'arn:aws:s3:::other-bucket/*', 'OtherBucket')] },
      'Allow',
      {
        sids: { notMatched: ['OtherBucket'] },
      },
    ),
  ],
  // NotResource.
  [
    `Allow with NotResource allows resources not listed (${NR}: "explicitly matches every resource except those specified")`,
    get({ identity: [notResource('Allow', 's3:*', 'arn:aws:s3:::secret-bucket/*', 'NotSecret')] }, 'Allow', {
      sids: { allows: ['NotSecret'] },
    }),
  ],
  [
    `Allow with NotResource does not allow the resources listed (${NR})`,
    {
      principal: me,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::secret-bucket/keys.txt',
      policies: { identity: [notResource('Allow', 's3:*', 'arn:aws:s3:::secret-bucket/*', 'NotSecret')] },
      expect: 'ImplicitDeny',
      sids: { notMatched: ['NotSecret'] },
    },
  ],
  [
    `Deny with NotResource denies every other bucket (${NR}: with Deny, the listed resources are the exception)`,
    {
      principal: me,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::other-bucket/x',
      policies: { identity: [ALL, notResource('Deny', 's3:*', [BUCKET, `${BUCKET}/*`], 'OnlyAppBucket')] },
      expect: 'ExplicitDeny',
      sids: { denies: ['OnlyAppBucket'] },
    },
  ],
  [
    `Deny with NotResource leaves the listed bucket alone (${NR})`,
    get({ identity: [ALL, notResource('Deny', 's3:*', [BUCKET, `${BUCKET}/*`], 'OnlyAppBucket')] }, 'Allow', {
      sids: { notMatched: ['OnlyAppBucket'] },
    }),
  ],
  [
    `Deny with NotResource still only covers its Action (${NR}: the Action element limits which requests it touches)`,
    {
      principal: me,
      action: 'sqs:SendMessage',
      resource: QUEUE_A,
      policies: { identity: [ALL, notResource('Deny', 's3:*', [BUCKET, `${BUCKET}/*`], 'OnlyAppBucket')] },
      expect: 'Allow',
      sids: { notMatched: ['OnlyAppBucket'] },
    },
  ],
  [
    `Deny with NotAction and NotResource together: every other action outside the listed bucket is denied (${NA}; ${NR})`,
    {
      principal: me,
      action: 'sqs:SendMessage',
      resource: QUEUE_A,
      policies: {
        identity: [
          ALL,
          policy({ Sid: 'Both', Effect: 'Deny', NotAction: 's3:*', NotResource: `${BUCKET}/*` }),
        ],
      },
      expect: 'ExplicitDeny',
      sids: { denies: ['Both'] },
    },
  ],
  // NotPrincipal (Deny, in a bucket policy).
  [
    `NotPrincipal listing the role and its account: the session is excluded from the Deny (${NP}: "include both the ARN for a role and the ARN for the account containing that role")`,
    get({ resourcePolicy: fenced([ROLE_ARN, `arn:aws:iam::${A}:root`]) }, 'Allow', {
      sids: { allows: ['GrantRole'], notMatched: ['Fence'] },
    }),
  ],
  [
    `NotPrincipal listing the session, the role and the account: excluded (${NP}: the documented example lists all three)`,
    get({ resourcePolicy: fenced([SESSION_ARN, ROLE_ARN, `arn:aws:iam::${A}:root`]) }, 'Allow'),
  ],
  [
    `NotPrincipal listing the role but not its account: still denied (${NP}: "you must also specify the account ARN of the not-denied principal")`,
    get({ resourcePolicy: fenced([ROLE_ARN]) }, 'ExplicitDeny', { sids: { denies: ['Fence'] } }),
  ],
  [
    `NotPrincipal listing another role and the account: the caller is denied (${NP}: all principals "except for the ones specified")`,
    get(
      { resourcePolicy: fenced([`arn:aws:iam::${A}:role/other`, `arn:aws:iam::${A}:root`]) },
      'ExplicitDeny',
      {
        sids: { denies: ['Fence'] },
      },
    ),
  ],
  [
    `NotPrincipal listing only another account: the caller is denied (${NP})`,
    get({ resourcePolicy: fenced([`arn:aws:iam::${B}:root`]) }, 'ExplicitDeny'),
  ],
  [
    `NotPrincipal listing the role and account, the role has a permissions boundary: always denied (IAM UG, Permissions boundaries: NotPrincipal with Deny "will always deny any IAM principal that has a permissions boundary policy attached")`,
    get(
      {
        resourcePolicy: fenced([ROLE_ARN, `arn:aws:iam::${A}:root`]),
        permissionsBoundary: policy(allow('s3:*', '*')),
      },
      'ExplicitDeny',
      { sids: { denies: ['Fence'] } },
    ),
  ],
];

describe('NotAction, NotResource, NotPrincipal', () => runCases(rows));
