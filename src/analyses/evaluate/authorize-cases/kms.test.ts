/**
 * KMS key policies: "Unless the key policy explicitly allows it, you cannot use IAM policies to
 * allow access to a KMS key" (KMS DG, "Key policies in AWS KMS"; aws-facts §5.1).
 */
import { describe } from 'vitest';
import {
  A,
  allow,
  B,
  type CaseRow,
  deny,
  KEY_A,
  KEY_B,
  type PolicyCase,
  policy,
  RCP_FULL_ACCESS,
  ROLE_ARN,
  runCases,
  session,
} from './case-runner.js';

const me = session();
const KP = 'KMS DG, Key policies';
const DECRYPT = policy(allow('kms:Decrypt', KEY_A, { Sid: 'IdentityDecrypt' }));
const DEFAULT_KEY_POLICY = policy(
  allow('kms:*', '*', { Sid: 'EnableIAMUserPermissions', Principal: { AWS: `arn:aws:iam::${A}:root` } }),
);

function decrypt(
  policies: PolicyCase['policies'],
  expect: PolicyCase['expect'],
  more: Partial<PolicyCase> = {},
) {
  return {
    principal: me,
    action: 'kms:Decrypt',
    resource: KEY_A,
    policies: { resourceKind: 'kms:key' as const, ...policies },
    expect,
    ...more,
  };
}

const rows: CaseRow[] = [
  [
    `default key policy (account root) and an identity Allow: Allow (${KP}: the default statement for the account root enables IAM policies)`,
    decrypt({ identity: [DECRYPT], resourcePolicy: DEFAULT_KEY_POLICY }, 'Allow', {
      sids: { allows: ['EnableIAMUserPermissions', 'IdentityDecrypt'] },
    }),
  ],
  [
    `default key policy without an identity Allow: implicit deny (${KP}: the root principal delegates to IAM policies)`,
    decrypt({ resourcePolicy: DEFAULT_KEY_POLICY }, 'ImplicitDeny'),
  ],
  [
    `default key policy naming the account id: delegation, identity Allow needed (${KP}; IAM UG, Principal element: account id)`,
    decrypt(
      { identity: [DECRYPT], resourcePolicy: policy(allow('kms:*', '*', { Principal: { AWS: A } })) },
      'Allow',
    ),
  ],
  [
    `key policy without a grant for the caller or its account: an identity Allow has no effect (${KP}: "Without permission from the key policy, IAM policies that allow permissions have no effect")`,
    decrypt(
      {
        identity: [DECRYPT],
        resourcePolicy: policy(
          allow('kms:*', '*', { Sid: 'KeyAdmin', Principal: { AWS: `arn:aws:iam::${A}:role/key-admin` } }),
        ),
      },
      'ImplicitDeny',
      { sids: { notMatched: ['KeyAdmin'], allows: ['IdentityDecrypt'] } },
    ),
  ],
  [
    `identity kms:* on * without a key-policy grant: implicit deny (${KP})`,
    decrypt(
      {
        identity: [policy(allow('kms:*', '*'))],
        resourcePolicy: policy(allow('kms:Decrypt', '*', { Principal: { AWS: `arn:aws:iam::${B}:root` } })),
      },
      'ImplicitDeny',
    ),
  ],
  [
    `key policy grants the role directly: Allow without an identity Allow (${KP}: key policy statements can give principals access on their own)`,
    decrypt(
      {
        resourcePolicy: policy(
          allow('kms:Decrypt', '*', { Sid: 'TaskDecrypt', Principal: { AWS: ROLE_ARN } }),
        ),
      },
      'Allow',
      { sids: { allows: ['TaskDecrypt'] } },
    ),
  ],
  [
    `key policy grants the role directly but an identity Deny applies: explicit deny (${KP}: "You can use an IAM policy to deny a permission to a KMS key without permission from a key policy")`,
    decrypt(
      {
        identity: [policy(deny('kms:Decrypt', '*', { Sid: 'NoDecrypt' }))],
        resourcePolicy: policy(allow('kms:Decrypt', '*', { Principal: { AWS: ROLE_ARN } })),
      },
      'ExplicitDeny',
      { sids: { denies: ['NoDecrypt'] } },
    ),
  ],
  [
    `default key policy, identity Allow and identity Deny: explicit deny (${KP}; IAM UG, eval logic: deny evaluation)`,
    decrypt(
      {
        identity: [DECRYPT, policy(deny('kms:*', KEY_A, { Sid: 'NoKms' }))],
        resourcePolicy: DEFAULT_KEY_POLICY,
      },
      'ExplicitDeny',
      { sids: { denies: ['NoKms'] } },
    ),
  ],
  [
    `key policy allows only kms:Encrypt to the role, the identity policy allows kms:Decrypt: implicit deny (${KP})`,
    decrypt(
      {
        identity: [DECRYPT],
        resourcePolicy: policy(allow('kms:Encrypt', '*', { Principal: { AWS: ROLE_ARN } })),
      },
      'ImplicitDeny',
    ),
  ],
  [
    `default key policy, identity Allow, boundary without an Allow: implicit deny (${KP}; IAM UG, Permissions boundaries)`,
    decrypt(
      {
        identity: [DECRYPT],
        resourcePolicy: DEFAULT_KEY_POLICY,
        permissionsBoundary: policy(allow('s3:*', '*')),
      },
      'ImplicitDeny',
    ),
  ],
  [
    `key policy grant with kms:ViaService met: Allow (KMS DG, kms:ViaService condition key)`,
    decrypt(
      {
        resourcePolicy: policy(
          allow('kms:Decrypt', '*', {
            Sid: 'ViaS3',
            Principal: { AWS: ROLE_ARN },
            Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
          }),
        ),
      },
      'Allow',
      { context: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' }, sids: { allows: ['ViaS3'] } },
    ),
  ],
  [
    `key policy grant with kms:ViaService, called directly (key absent): implicit deny (KMS DG, kms:ViaService; IAM UG, Condition element: a missing key does not match)`,
    decrypt(
      {
        resourcePolicy: policy(
          allow('kms:Decrypt', '*', {
            Sid: 'ViaS3',
            Principal: { AWS: ROLE_ARN },
            Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
          }),
        ),
      },
      'ImplicitDeny',
      { sids: { notMatched: ['ViaS3'] } },
    ),
  ],
  [
    `key policy to {"AWS": "*"} limited by kms:CallerAccount to the owner: Allow (KMS DG, kms:CallerAccount; the "Allow access through ..." key policy pattern)`,
    decrypt(
      {
        resourcePolicy: policy(
          allow('kms:Decrypt', '*', {
            Principal: { AWS: '*' },
            Condition: { StringEquals: { 'kms:CallerAccount': A } },
          }),
        ),
      },
      'Allow',
      { context: { 'kms:CallerAccount': A } },
    ),
  ],
  [
    `an RCP Deny applies to KMS keys (Orgs UG, RCPs: KMS is in the "List of AWS services that support RCPs")`,
    decrypt(
      {
        identity: [DECRYPT],
        resourcePolicy: DEFAULT_KEY_POLICY,
        rcps: [[RCP_FULL_ACCESS, policy(deny('kms:Decrypt', '*', { Sid: 'RcpNoDecrypt', Principal: '*' }))]],
      },
      'ExplicitDeny',
      { sids: { denies: ['RcpNoDecrypt'] } },
    ),
  ],
  // A key in another account.
  [
    `key in another account whose policy names the caller's account, and an identity Allow: Allow (KMS DG, "Allowing users in other accounts to use a KMS key": both the key policy and IAM policy)`,
    {
      principal: me,
      action: 'kms:Decrypt',
      resource: KEY_B,
      policies: {
        identity: [policy(allow('kms:Decrypt', KEY_B))],
        resourcePolicy: policy(allow('kms:Decrypt', '*', { Principal: { AWS: `arn:aws:iam::${A}:root` } })),
        resourceKind: 'kms:key',
      },
      expect: 'Allow',
    },
  ],
  [
    `key in another account whose policy names the caller's account, no identity Allow: implicit deny (KMS DG, "Allowing users in other accounts to use a KMS key": the external account's IAM policies must allow too)`,
    {
      principal: me,
      action: 'kms:Decrypt',
      resource: KEY_B,
      policies: {
        resourcePolicy: policy(allow('kms:Decrypt', '*', { Principal: { AWS: `arn:aws:iam::${A}:root` } })),
        resourceKind: 'kms:key',
      },
      expect: 'ImplicitDeny',
    },
  ],
  [
    `key in another account whose policy names the role, no identity Allow: implicit deny (KMS DG, cross-account access; IAM UG, Cross-account policy evaluation logic)`,
    {
      principal: me,
      action: 'kms:Decrypt',
      resource: KEY_B,
      policies: {
        resourcePolicy: policy(allow('kms:Decrypt', '*', { Principal: { AWS: ROLE_ARN } })),
        resourceKind: 'kms:key',
      },
      expect: 'ImplicitDeny',
    },
  ],
  [
    `key in another account, identity Allow, but the key policy trusts only its own account: implicit deny (KMS DG, cross-account access)`,
    {
      principal: me,
      action: 'kms:Decrypt',
      resource: KEY_B,
      policies: {
        identity: [policy(allow('kms:Decrypt', KEY_B))],
        resourcePolicy: policy(allow('kms:*', '*', { Principal: { AWS: `arn:aws:iam::${B}:root` } })),
        resourceKind: 'kms:key',
      },
      expect: 'ImplicitDeny',
    },
  ],
];

describe('KMS key policies', () => runCases(rows));
