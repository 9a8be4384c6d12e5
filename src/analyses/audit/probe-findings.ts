/**
 * Over-privilege the engine decides: what the role can do to resources nobody scoped it to.
 * Each probe is a real request through the role's effective policies, so conditions, Deny
 * statements and the permissions boundary all count.
 */
import type { Catalog } from '../../catalog/index.js';
import { type AuditFinding, auditFinding } from './finding.js';
import { accountOf, PROBE, probe } from './probe.js';
import type { RolePolicies } from './role-policies.js';

interface Target {
  action: string;
  resource: (region: string, account: string, rp: RolePolicies) => string;
  what: string;
}

const READS: readonly Target[] = [
  {
    action: 's3:GetObject',
    resource: () => `arn:aws:s3:::${PROBE}-bucket/${PROBE}`,
    what: 'any S3 object in any bucket',
  },
  {
    action: 'secretsmanager:GetSecretValue',
    resource: (r, a) => `arn:aws:secretsmanager:${r}:${a}:secret:${PROBE}-AbCdEf`,
    what: 'any secret in Secrets Manager',
  },
  {
    action: 'ssm:GetParameter',
    resource: (r, a) => `arn:aws:ssm:${r}:${a}:parameter/${PROBE}`,
    what: 'any SSM parameter',
  },
  {
    action: 'kms:Decrypt',
    resource: (r, a) => `arn:aws:kms:${r}:${a}:key/${PROBE}`,
    what: 'with any KMS key (where key policies delegate to IAM)',
  },
  {
    action: 'dynamodb:Scan',
    resource: (r, a) => `arn:aws:dynamodb:${r}:${a}:table/${PROBE}`,
    what: 'any DynamoDB table',
  },
];

/** Escalation paths: every action of a path must be allowed on its probe resource. */
const ESCALATIONS: ReadonlyArray<{ steps: readonly Target[]; why: string }> = [
  {
    steps: [{ action: 'iam:PutRolePolicy', resource: (_r, _a, rp) => rp.role.arn, what: '' }],
    why: 'can write an inline policy granting itself anything',
  },
  {
    steps: [{ action: 'iam:AttachRolePolicy', resource: (_r, _a, rp) => rp.role.arn, what: '' }],
    why: 'can attach AdministratorAccess to itself',
  },
  {
    steps: [
      {
        action: 'iam:CreatePolicyVersion',
        resource: (_r, a) => `arn:aws:iam::${a}:policy/${PROBE}`,
        what: '',
      },
    ],
    why: 'can rewrite customer managed policies, its own included',
  },
  {
    steps: [
      {
        action: 'iam:UpdateAssumeRolePolicy',
        resource: (_r, a) => `arn:aws:iam::${a}:role/${PROBE}`,
        what: '',
      },
    ],
    why: 'can make any role trust it',
  },
  {
    steps: [{ action: 'sts:AssumeRole', resource: (_r, a) => `arn:aws:iam::${a}:role/${PROBE}`, what: '' }],
    why: 'can assume any role that trusts its account',
  },
  {
    steps: [
      { action: 'iam:PassRole', resource: (_r, a) => `arn:aws:iam::${a}:role/${PROBE}`, what: '' },
      { action: 'ecs:RegisterTaskDefinition', resource: () => '*', what: '' },
      {
        action: 'ecs:RunTask',
        resource: (r, a) => `arn:aws:ecs:${r}:${a}:task-definition/${PROBE}:1`,
        what: '',
      },
    ],
    why: 'can register a task definition with any task role and run it',
  },
  {
    steps: [
      { action: 'iam:PassRole', resource: (_r, a) => `arn:aws:iam::${a}:role/${PROBE}`, what: '' },
      {
        action: 'lambda:CreateFunction',
        resource: (r, a) => `arn:aws:lambda:${r}:${a}:function:${PROBE}`,
        what: '',
      },
    ],
    why: 'can create a function running as any role',
  },
  {
    steps: [
      { action: 'iam:PassRole', resource: (_r, a) => `arn:aws:iam::${a}:role/${PROBE}`, what: '' },
      { action: 'ec2:RunInstances', resource: (r, a) => `arn:aws:ec2:${r}:${a}:instance/*`, what: '' },
    ],
    why: 'can start an instance with any instance profile role',
  },
  {
    steps: [
      {
        action: 'ecs:ExecuteCommand',
        resource: (r, a) => `arn:aws:ecs:${r}:${a}:task/${PROBE}/${PROBE}`,
        what: '',
      },
    ],
    why: "can open a shell in any task and act as that task's role",
  },
  {
    steps: [
      {
        action: 'lambda:UpdateFunctionCode',
        resource: (r, a) => `arn:aws:lambda:${r}:${a}:function:${PROBE}`,
        what: '',
      },
    ],
    why: "can replace any function's code and run it as the function's role",
  },
];

export function probeFindings(
  rp: RolePolicies,
  catalog: Catalog,
  region: string,
  usedBy: string[],
): AuditFinding[] {
  const account = rp.role.account ?? accountOf(rp.role.arn);
  const out: AuditFinding[] = [];
  const reads = READS.filter((t) => probe(rp, catalog, t.action, t.resource(region, account, rp)).allowed);
  if (reads.length > 0) {
    out.push(
      auditFinding('EXFILTRATION_READ', {
        message: `Can read ${reads.map((t) => `${t.what} (${t.action})`).join(', ')}; scope these reads to the resources the application uses.`,
        action: reads[0]!.action,
        resource: reads[0]!.resource(region, account, rp),
        loc: rp.role.loc,
        usedBy,
      }),
    );
  }
  for (const path of ESCALATIONS) {
    const requests = path.steps.map((s) => ({ action: s.action, resource: s.resource(region, account, rp) }));
    if (!requests.every((r) => probe(rp, catalog, r.action, r.resource).allowed)) continue;
    out.push(
      auditFinding('PRIVILEGE_ESCALATION', {
        message: `${requests.map((r) => r.action).join(' + ')}: ${path.why}; remove these actions or limit them to named resources.`,
        action: requests[0]!.action,
        resource: requests[0]!.resource,
        loc: rp.role.loc,
        usedBy,
      }),
    );
  }
  return out;
}
