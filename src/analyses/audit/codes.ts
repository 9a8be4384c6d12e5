import type { Severity } from '../../model/index.js';

/** Audit's own finding codes (policy-level codes come from the check registry). */
export interface AuditCodeMeta {
  code: string;
  severity: Severity;
  summary: string;
}

const codes = [
  [
    'EXFILTRATION_READ',
    'security',
    'The role can read data it was not scoped to: any S3 object, any secret, any parameter, any KMS key',
  ],
  [
    'PRIVILEGE_ESCALATION',
    'security',
    'The role can raise its own privileges (decided with the engine on its effective policies)',
  ],
  [
    'TASK_ROLE_IS_EXECUTION_ROLE',
    'warning',
    'One role is both the task role and the execution role: the application gets the agent’s permissions',
  ],
  [
    'EXECUTION_PERMISSIONS_ON_TASK_ROLE',
    'warning',
    'The task role carries execution-role permissions (image pull, log delivery) the application does not need',
  ],
  [
    'TASK_PERMISSIONS_ON_EXECUTION_ROLE',
    'security',
    'The execution role grants application permissions; the ECS agent only pulls images, ships logs and fetches secrets',
  ],
  [
    'EXECUTION_ROLE_MISSING_PERMISSION',
    'error',
    'The execution role lacks a permission its task definition needs: tasks fail to start',
  ],
  [
    'EXECUTION_ROLE_EXCESS',
    'warning',
    'The execution role grants agent permissions its task definitions do not need',
  ],
  ['TRUST_POLICY_TOO_BROAD', 'security', 'The role trusts principals other than ecs-tasks.amazonaws.com'],
  [
    'TRUST_POLICY_CONFUSED_DEPUTY',
    'warning',
    'The ecs-tasks.amazonaws.com trust has no aws:SourceAccount or aws:SourceArn condition',
  ],
  [
    'SHARED_ROLE',
    'warning',
    'Several task definition families or services share the role, so each gets the others’ permissions',
  ],
  [
    'ROLE_NOT_FOUND',
    'warning',
    'A task definition names a role the input does not contain: it cannot be audited',
  ],
  [
    'NO_TASK_ROLE',
    'suggestion',
    'A task definition has no task role: its containers get no AWS credentials of their own',
  ],
  [
    'OLD_REVISION_DEPLOYED',
    'suggestion',
    'A service runs an older revision than the latest registered one of its family',
  ],
  [
    'UNRESOLVED_REFERENCE',
    'warning',
    'An infrastructure-as-code reference could not be resolved; the link it names was not guessed',
  ],
  [
    'MANAGED_POLICY_NOT_FOUND',
    'warning',
    'An attached managed policy is in neither the input nor the bundled AWS managed policy snapshot',
  ],
] as const satisfies ReadonlyArray<readonly [string, Severity, string]>;

export type AuditCode = (typeof codes)[number][0];

export const AUDIT_CODES: readonly AuditCodeMeta[] = codes.map(([code, severity, summary]) => ({
  code,
  severity,
  summary,
}));

export function auditCode(code: AuditCode): AuditCodeMeta {
  return AUDIT_CODES.find((c) => c.code === code)!;
}
