/**
 * What only an ECS-aware audit can say: which role does what (ECS DG, "Task IAM role" and "Task
 * execution IAM role"), what an execution role must have for its task definitions, and whether
 * the trust policy is the one ECS documents.
 */
import type { Catalog } from '../../catalog/index.js';
import type { PolicyDocument, Role } from '../../model/index.js';
import type { ExpansionCache } from '../check/index.js';
import { compileActionPattern } from '../evaluate/match/action-pattern.js';
import { type AuditFinding, auditFinding } from './finding.js';
import { probe } from './probe.js';
import type { Requirement } from './requirements.js';
import type { RolePolicies } from './role-policies.js';

/** What the ECS agent itself ever needs (aws-facts §4.2): anything else on an execution role is the application's. */
export const AGENT_ACTIONS: ReadonlySet<string> = new Set([
  'ecr:GetAuthorizationToken',
  'ecr:BatchCheckLayerAvailability',
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchGetImage',
  'ecr:BatchImportUpstreamImage',
  'logs:CreateLogGroup',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'secretsmanager:GetSecretValue',
  'ssm:GetParameters',
  'kms:Decrypt',
  's3:GetObject',
  's3:GetBucketLocation',
]);

/** Image pull actions: the application never needs them on its task role. */
const PULL_ACTIONS = [
  'ecr:GetAuthorizationToken',
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchCheckLayerAvailability',
];

/** Actions an Allow statement grants, expanded (NotAction statements are left to the checks). */
function grantedActions(docs: readonly PolicyDocument[], cache: ExpansionCache): Set<string> {
  const out = new Set<string>();
  for (const d of docs) {
    for (const st of d.statements) {
      if (st.effect.value !== 'Allow' || !st.action) continue;
      for (const a of st.action)
        for (const info of cache.expand(compileActionPattern(a.value))) out.add(info.key);
    }
  }
  return out;
}

/** Concrete resource for a requirement's pattern: a log stream of the group, a probe name for `*`. */
function concrete(resource: string): string {
  if (/:log-group:.+:\*$/.test(resource)) return resource.replace(/:\*$/, ':log-stream:scopedown-probe');
  return resource === '*' ? '*' : resource.replace(/\*/g, 'scopedown-probe');
}

export function executionRoleFindings(
  rp: RolePolicies,
  required: readonly Requirement[],
  catalog: Catalog,
  cache: ExpansionCache,
  usedBy: string[],
): AuditFinding[] {
  const out: AuditFinding[] = [];
  for (const req of required) {
    const missing = req.actions.filter((a) => !probe(rp, catalog, a, concrete(req.resource)).allowed);
    if (missing.length === 0) continue;
    out.push(
      auditFinding('EXECUTION_ROLE_MISSING_PERMISSION', {
        message: `${req.because} needs ${missing.join(', ')} on ${req.resource}, which the execution role does not allow: tasks fail to start. Add it.`,
        action: missing[0],
        resource: req.resource,
        loc: rp.role.loc,
        usedBy,
      }),
    );
  }
  const needed = new Set(required.flatMap((r) => r.actions));
  const granted = grantedActions(
    rp.identity.map((p) => p.document),
    cache,
  );
  const agentExtra = [...granted].filter((a) => AGENT_ACTIONS.has(a) && !needed.has(a)).sort();
  const appActions = [...granted].filter((a) => !AGENT_ACTIONS.has(a)).sort();
  if (agentExtra.length > 0) {
    out.push(
      auditFinding('EXECUTION_ROLE_EXCESS', {
        message: `Grants ${agentExtra.join(', ')}, which none of its task definitions needs${needed.size ? ` (they need ${[...needed].sort().join(', ')})` : ' (they need no AWS permission at all)'}; remove them.`,
        action: agentExtra[0],
        loc: rp.role.loc,
        usedBy,
      }),
    );
  }
  if (appActions.length > 0) {
    const shown =
      appActions.slice(0, 5).join(', ') + (appActions.length > 5 ? ` and ${appActions.length - 5} more` : '');
    out.push(
      auditFinding('TASK_PERMISSIONS_ON_EXECUTION_ROLE', {
        message: `Grants ${shown}, which the ECS agent never uses; application permissions belong on the task role.`,
        action: appActions[0],
        loc: rp.role.loc,
        usedBy,
      }),
    );
  }
  return out;
}

export function taskRoleFindings(rp: RolePolicies, usedBy: string[]): AuditFinding[] {
  // Only explicit grants count: a wildcard is reported by the wildcard checks already.
  const explicit = new Set<string>();
  let managedExec = false;
  for (const p of rp.identity) {
    if (p.arn?.endsWith(':policy/service-role/AmazonECSTaskExecutionRolePolicy')) managedExec = true;
    for (const st of p.document.statements) {
      if (st.effect.value !== 'Allow') continue;
      for (const a of st.action ?? [])
        if (PULL_ACTIONS.some((x) => x.toLowerCase() === a.value.toLowerCase())) explicit.add(a.value);
    }
  }
  if (!managedExec && explicit.size === 0) return [];
  const what = managedExec
    ? 'AmazonECSTaskExecutionRolePolicy is attached'
    : `it grants ${[...explicit].join(', ')}`;
  return [
    auditFinding('EXECUTION_PERMISSIONS_ON_TASK_ROLE', {
      message: `Used as a task role, but ${what}: image pulls and log delivery are the execution role's job; remove them from the task role.`,
      loc: rp.role.loc,
      usedBy,
    }),
  ];
}

const ECS_TASKS = 'ecs-tasks.amazonaws.com';

export function trustFindings(role: Role, isTaskRole: boolean, usedBy: string[]): AuditFinding[] {
  const trust = role.trustPolicy;
  if (!trust) return [];
  const out: AuditFinding[] = [];
  for (const st of trust.statements) {
    if (st.effect.value !== 'Allow') continue;
    const others = st.principal
      ? st.principal.wildcard
        ? ['*']
        : st.principal.entries
            .filter((e) => !(e.type === 'Service' && e.value.value === ECS_TASKS))
            .map((e) => `${e.type}:${e.value.value}`)
      : st.notPrincipal
        ? ['NotPrincipal (everyone else)']
        : [];
    if (others.length > 0) {
      out.push(
        auditFinding('TRUST_POLICY_TOO_BROAD', {
          message: `The trust policy lets ${others.join(', ')} assume this ${isTaskRole ? 'task' : 'execution'} role; trust only ${ECS_TASKS}.`,
          policy: 'trust',
          statement: st.index,
          sid: st.sid?.value ?? null,
          loc: st.loc,
          usedBy,
        }),
      );
    }
    const ecs = st.principal?.entries.some((e) => e.type === 'Service' && e.value.value === ECS_TASKS);
    const keys = st.condition.map((c) => c.key.value.toLowerCase());
    if (isTaskRole && ecs && !keys.includes('aws:sourceaccount') && !keys.includes('aws:sourcearn')) {
      const account = role.account ?? role.arn.split(':')[4] ?? 'ACCOUNT';
      out.push(
        auditFinding('TRUST_POLICY_CONFUSED_DEPUTY', {
          message: `The ${ECS_TASKS} trust has no aws:SourceAccount or aws:SourceArn condition; add "Condition": {"StringEquals": {"aws:SourceAccount": "${account}"}, "ArnLike": {"aws:SourceArn": "arn:aws:ecs:*:${account}:*"}} (ECS DG, task IAM role).`,
          policy: 'trust',
          statement: st.index,
          sid: st.sid?.value ?? null,
          loc: st.loc,
          usedBy,
        }),
      );
    }
  }
  return out;
}
