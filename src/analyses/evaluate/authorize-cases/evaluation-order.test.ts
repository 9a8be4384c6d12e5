/** The decision order: deny evaluation first, then every policy type that must allow (aws-facts §5.1). */
import { describe } from 'vitest';
import {
  A,
  allow,
  BUCKET,
  type CaseRow,
  deny,
  FULL_ACCESS,
  KEY_A,
  OBJECT,
  policy,
  RCP_FULL_ACCESS,
  ROLE_ARN,
  runCases,
  SESSION_ARN,
  session,
} from './case-runner.js';

const me = session();
const READ = policy(allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'Read' }));
const DENY_READ = policy(deny('s3:GetObject', '*', { Sid: 'NoRead' }));

const rows: CaseRow[] = [
  [
    'no policy at all: implicit deny (IAM UG, eval logic: "By default, all requests are implicitly denied")',
    { principal: me, action: 's3:GetObject', resource: OBJECT, policies: {}, expect: 'ImplicitDeny' },
  ],
  [
    'an identity-based Allow alone allows (IAM UG, eval logic: identity-based policies)',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: { identity: [READ] },
      expect: 'Allow',
      sids: { allows: ['Read'] },
    },
  ],
  [
    'explicit Deny in the same identity policy overrides its Allow (IAM UG, eval logic: "An explicit deny overrides an explicit allow")',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: {
        identity: [
          policy(allow('s3:*', '*', { Sid: 'All' }), deny('s3:GetObject', OBJECT, { Sid: 'NoFile' })),
        ],
      },
      expect: 'ExplicitDeny',
      sids: { denies: ['NoFile'], allows: ['All'] },
    },
  ],
  [
    'explicit Deny in another identity policy overrides an identity Allow (IAM UG, eval logic: deny evaluation)',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: { identity: [READ, DENY_READ] },
      expect: 'ExplicitDeny',
      sids: { denies: ['NoRead'] },
    },
  ],
  [
    'explicit Deny in the permissions boundary overrides an identity Allow (IAM UG, eval logic: deny evaluation covers permissions boundaries)',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: {
        identity: [READ],
        permissionsBoundary: policy(
          allow('s3:*', '*', { Sid: 'BoundaryS3' }),
          deny('s3:GetObject', OBJECT, { Sid: 'BoundaryNoFile' }),
        ),
      },
      expect: 'ExplicitDeny',
      sids: { denies: ['BoundaryNoFile'] },
    },
  ],
  [
    'explicit Deny in the session policy overrides an identity Allow (IAM UG, eval logic: deny evaluation covers session policies)',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: {
        identity: [READ],
        sessionPolicy: policy(
          allow('*', '*', { Sid: 'SessionAll' }),
          deny('s3:*', '*', { Sid: 'SessionNoS3' }),
        ),
      },
      expect: 'ExplicitDeny',
      sids: { denies: ['SessionNoS3'] },
    },
  ],
  [
    'explicit Deny in a bucket policy overrides an identity Allow (IAM UG, eval logic: deny evaluation covers resource-based policies)',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: {
        identity: [READ],
        resourcePolicy: policy(
          deny('s3:GetObject', `${BUCKET}/*`, { Sid: 'BucketNo', Principal: { AWS: ROLE_ARN } }),
        ),
      },
      expect: 'ExplicitDeny',
      sids: { denies: ['BucketNo'] },
    },
  ],
  [
    'explicit Deny in a bucket policy overrides its own Allow to the session (IAM UG, eval logic: "An explicit deny overrides an explicit allow")',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: {
        resourcePolicy: policy(
          allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'ToSession', Principal: { AWS: SESSION_ARN } }),
          deny('s3:GetObject', `${BUCKET}/*`, { Sid: 'Everyone', Principal: '*' }),
        ),
      },
      expect: 'ExplicitDeny',
      sids: { denies: ['Everyone'], allows: ['ToSession'] },
    },
  ],
  [
    'explicit Deny in an SCP overrides an identity Allow (IAM UG, eval logic: deny evaluation covers SCPs)',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: {
        identity: [READ],
        scps: [[FULL_ACCESS, policy(deny('s3:GetObject', '*', { Sid: 'ScpNoRead' }))]],
      },
      expect: 'ExplicitDeny',
      sids: { denies: ['ScpNoRead'] },
    },
  ],
  [
    'explicit Deny in an RCP overrides an identity Allow (IAM UG, eval logic: deny evaluation covers RCPs)',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: {
        identity: [READ],
        rcps: [[RCP_FULL_ACCESS, policy(deny('s3:GetObject', '*', { Sid: 'RcpNoRead', Principal: '*' }))]],
      },
      expect: 'ExplicitDeny',
      sids: { denies: ['RcpNoRead'] },
    },
  ],
  [
    'explicit Deny in a KMS key policy overrides the key policy Allow and an identity Allow (IAM UG, eval logic: deny evaluation)',
    {
      principal: me,
      action: 'kms:Decrypt',
      resource: KEY_A,
      policies: {
        identity: [policy(allow('kms:Decrypt', KEY_A))],
        resourcePolicy: policy(
          allow('kms:*', '*', { Sid: 'EnableIAM', Principal: { AWS: `arn:aws:iam::${A}:root` } }),
          deny('kms:Decrypt', '*', { Sid: 'NoDecrypt', Principal: '*' }),
        ),
        resourceKind: 'kms:key',
      },
      expect: 'ExplicitDeny',
      sids: { denies: ['NoDecrypt'] },
    },
  ],
  [
    'a Deny whose condition does not hold does not apply (IAM UG, Condition element: the statement applies only when its conditions are true)',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      context: { 'aws:SecureTransport': 'true' },
      policies: {
        identity: [
          policy(
            allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'Read' }),
            deny('s3:*', '*', { Sid: 'TlsOnly', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ),
        ],
      },
      expect: 'Allow',
      sids: { allows: ['Read'], notMatched: ['TlsOnly'] },
    },
  ],
  [
    'a Deny for another action does not apply (IAM UG, Action element)',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: { identity: [READ, policy(deny('s3:DeleteObject', '*', { Sid: 'NoDelete' }))] },
      expect: 'Allow',
      sids: { notMatched: ['NoDelete'] },
    },
  ],
  [
    'a Deny for another resource does not apply (IAM UG, Resource element)',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: {
        identity: [READ, policy(deny('s3:GetObject', `${BUCKET}/secret/*`, { Sid: 'NoSecret' }))],
      },
      expect: 'Allow',
      sids: { notMatched: ['NoSecret'] },
    },
  ],
  [
    'a permissions boundary alone grants nothing (IAM UG, Permissions boundaries: "does not provide permissions on its own")',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: { permissionsBoundary: policy(allow('*', '*')) },
      expect: 'ImplicitDeny',
    },
  ],
  [
    'a session policy alone grants nothing (IAM UG, Session policies: "Session policies limit permissions ... but do not grant permissions")',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: { sessionPolicy: policy(allow('*', '*')) },
      expect: 'ImplicitDeny',
    },
  ],
  [
    'an SCP alone grants nothing (Orgs UG, SCPs: "SCPs alone are not sufficient to granting permissions")',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: { scps: [[FULL_ACCESS]] },
      expect: 'ImplicitDeny',
    },
  ],
  [
    'an RCP alone grants nothing (Orgs UG, RCPs: "No permissions are granted by an RCP")',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: { rcps: [[RCP_FULL_ACCESS]] },
      expect: 'ImplicitDeny',
    },
  ],
  [
    'one Allow among several identity policies is enough (IAM UG, eval logic: identity-based policies, "at least one Allow")',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: {
        identity: [policy(allow('sqs:SendMessage', '*')), policy(allow('s3:PutObject', '*')), READ],
      },
      expect: 'Allow',
      sids: { allows: ['Read'] },
    },
  ],
  [
    'every policy type allowing together: Allow (IAM UG, eval logic: the request passes every step)',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: {
        identity: [READ],
        permissionsBoundary: policy(allow('s3:*', '*')),
        sessionPolicy: policy(allow('s3:Get*', '*')),
        resourcePolicy: policy(
          allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: `arn:aws:iam::${A}:root` } }),
        ),
        scps: [[FULL_ACCESS], [FULL_ACCESS]],
        rcps: [[RCP_FULL_ACCESS]],
      },
      expect: 'Allow',
    },
  ],
  [
    'an explicit Deny wins even when a same-account bucket policy grants the session directly (IAM UG, eval logic: deny evaluation comes first)',
    {
      principal: me,
      action: 's3:GetObject',
      resource: OBJECT,
      policies: {
        identity: [DENY_READ],
        resourcePolicy: policy(allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: SESSION_ARN } })),
      },
      expect: 'ExplicitDeny',
      sids: { denies: ['NoRead'] },
    },
  ],
];

describe('evaluation order', () => runCases(rows));
