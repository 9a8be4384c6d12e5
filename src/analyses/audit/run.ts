/**
 * Inventory in, report out: every role a task definition uses, with its findings and the ECS
 * context (families, revisions, services) that makes each one matter.
 */
import type { Catalog } from '../../catalog/index.js';
import type { Inventory, Role, TaskDefinition } from '../../model/index.js';
import { ExpansionCache } from '../check/index.js';
import { executionRoleFindings, taskRoleFindings, trustFindings } from './ecs-findings.js';
import { type AuditFinding, auditFinding } from './finding.js';
import { policyFindings } from './policy-findings.js';
import { probeFindings } from './probe-findings.js';
import { policyFromRequirements, type Requirement, requirementsOf } from './requirements.js';
import { type ManagedPolicyLookup, managedPolicyIndex, rolePolicies } from './role-policies.js';
import {
  type RoleFinder,
  type RoleUse,
  roleFinder,
  roleUses,
  servicesByTaskDefinition,
  taskDefinitionId,
} from './usage.js';

export interface RoleReport {
  arn: string;
  name: string;
  kind: 'task' | 'execution' | 'both';
  usedBy: RoleUse[];
  /** Inline (`inline:NAME`) and managed policy ARNs, and the boundary, as read. */
  policies: string[];
  findings: AuditFinding[];
}

export interface TaskDefinitionReport {
  id: string;
  family: string;
  revision?: number;
  arn?: string;
  taskRoleArn?: string;
  executionRoleArn?: string;
  services: string[];
  /** The least-privilege execution role policy this definition alone implies. */
  executionRolePolicy: ReturnType<typeof policyFromRequirements>;
  /** What could not be turned into a resource (a parameter name without a Region...). */
  notes: string[];
  findings: AuditFinding[];
}

export interface AuditReport {
  taskDefinitions: TaskDefinitionReport[];
  roles: RoleReport[];
  /** Findings about the input itself (unresolved IaC references). */
  findings: AuditFinding[];
}

export interface AuditOptions {
  catalog: Catalog;
  /** AWS managed policies named by ARN but not in the input. */
  managedPolicy: ManagedPolicyLookup;
  onProgress?: (rolesDone: number, rolesTotal: number) => void;
}

export function runAudit(inventory: Inventory, options: AuditOptions): AuditReport {
  const { catalog } = options;
  const cache = new ExpansionCache(catalog);
  const findRole = roleFinder(inventory.roles);
  const services = servicesByTaskDefinition(inventory);
  const uses = roleUses(inventory, findRole, services);
  const latest = latestRevisions(inventory.taskDefinitions);
  const taskDefinitions = inventory.taskDefinitions.map((td) =>
    taskDefinitionReport(td, services.get(td) ?? [], latest, findRole),
  );
  const ctx: RoleContext = {
    options,
    cache,
    findManaged: managedPolicyIndex(inventory, options.managedPolicy),
  };

  // Requirements of every execution role, gathered from the definitions that use it.
  const required = new Map<Role, Requirement[]>();
  for (const td of inventory.taskDefinitions) {
    const role = td.executionRoleArn ? findRole(td.executionRoleArn) : undefined;
    if (!role) continue;
    const list = required.get(role) ?? [];
    list.push(...requirementsOf(td).requirements.filter((r) => r.role === 'execution'));
    required.set(role, list);
  }

  const roles: RoleReport[] = [];
  let done = 0;
  for (const [role, roleUse] of uses) {
    options.onProgress?.(done++, uses.size);
    roles.push(roleReport(role, roleUse, required.get(role) ?? [], ctx));
  }
  const findings = inventory.unresolved.map((u) =>
    auditFinding('UNRESOLVED_REFERENCE', {
      message: `${u.what}: not resolved, so the link it makes was not guessed.`,
      loc: u.loc,
      usedBy: [],
    }),
  );
  return { taskDefinitions, roles: roles.sort((a, b) => a.arn.localeCompare(b.arn)), findings };
}

function describeUse(u: RoleUse): string {
  return `${u.taskDefinition} (${u.as} role)${u.services.length ? ` run by ${u.services.join(', ')}` : ''}`;
}

interface RoleContext {
  options: AuditOptions;
  cache: ExpansionCache;
  findManaged: ManagedPolicyLookup;
}

function latestRevisions(tds: readonly TaskDefinition[]): Map<string, number> {
  const latest = new Map<string, number>();
  for (const td of tds)
    if (td.revision !== undefined && td.revision > (latest.get(td.family) ?? 0))
      latest.set(td.family, td.revision);
  return latest;
}

function roleReport(
  role: Role,
  use: RoleUse[],
  required: Requirement[],
  { options, cache, findManaged }: RoleContext,
): RoleReport {
  const { catalog } = options;
  const usedBy = use.map(describeUse);
  const asTask = use.some((u) => u.as === 'task');
  const asExecution = use.some((u) => u.as === 'execution');
  const rp = rolePolicies(role, findManaged);
  const region = use.find((u) => u.region)?.region ?? (role.arn.split(':')[3] || 'us-east-1');
  const findings: AuditFinding[] = [];
  for (const arn of rp.missing) {
    findings.push(
      auditFinding('MANAGED_POLICY_NOT_FOUND', {
        message: `${arn} is attached but its document is in neither the input nor the bundled AWS managed policy snapshot; add it to the input.`,
        loc: role.loc,
        usedBy,
      }),
    );
  }
  findings.push(...policyFindings(rp, catalog, cache, region, usedBy));
  findings.push(...probeFindings(rp, catalog, region, usedBy));
  if (asExecution) findings.push(...executionRoleFindings(rp, dedupe(required), catalog, cache, usedBy));
  if (asTask) findings.push(...taskRoleFindings(rp, usedBy));
  findings.push(...trustFindings(role, asTask, usedBy));
  if (asTask && asExecution) {
    findings.push(
      auditFinding('TASK_ROLE_IS_EXECUTION_ROLE', {
        message:
          'This role is both a task role and an execution role: the application can use every permission the ECS agent needs (image pulls, secrets, logs). Use two roles.',
        loc: role.loc,
        usedBy,
      }),
    );
  }
  const families = new Set(use.map((u) => u.family));
  const services = new Set(use.flatMap((u) => u.services));
  if (families.size > 1 || services.size > 1) {
    findings.push(
      auditFinding('SHARED_ROLE', {
        message: `Shared by ${families.size} task definition famil${families.size === 1 ? 'y' : 'ies'} and ${services.size} service${services.size === 1 ? '' : 's'} (${[...families].join(', ')}): each gets the permissions all the others need. Give each its own role.`,
        loc: role.loc,
        usedBy,
      }),
    );
  }
  const policies = [
    ...rp.identity.map((p) => p.name),
    ...(role.permissionsBoundaryArn ? [`boundary:${role.permissionsBoundaryArn}`] : []),
  ];
  return {
    arn: role.arn,
    name: role.name,
    kind: asTask && asExecution ? 'both' : asTask ? 'task' : 'execution',
    usedBy: use,
    policies,
    findings,
  };
}

function dedupe(reqs: Requirement[]): Requirement[] {
  const seen = new Set<string>();
  return reqs.filter((r) => {
    const key = `${r.actions.join(',')} ${r.resource}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function taskDefinitionReport(
  td: TaskDefinition,
  services: string[],
  latestByFamily: Map<string, number>,
  findRole: RoleFinder,
): TaskDefinitionReport {
  const reqs = requirementsOf(td);
  const id = taskDefinitionId(td);
  const usedBy = [id];
  const findings: AuditFinding[] = [];
  if (!td.taskRoleArn) {
    findings.push(
      auditFinding('NO_TASK_ROLE', {
        message: `${id} has no taskRoleArn: its containers get no AWS credentials of their own (on EC2 they may reach the instance role unless IMDS is blocked).`,
        loc: td.loc,
        usedBy,
      }),
    );
  }
  for (const [as, ref] of [
    ['task', td.taskRoleArn],
    ['execution', td.executionRoleArn],
  ] as const) {
    if (ref && !findRole(ref)) {
      findings.push(
        auditFinding('ROLE_NOT_FOUND', {
          message: `${id}'s ${as} role ${ref} is not in the input, so it was not audited; add its get-role output or the account's authorization details.`,
          resource: ref,
          loc: td.loc,
          usedBy,
        }),
      );
    }
  }
  if (td.revision !== undefined) {
    const latest = latestByFamily.get(td.family) ?? td.revision;
    if (services.length > 0 && latest > td.revision) {
      findings.push(
        auditFinding('OLD_REVISION_DEPLOYED', {
          message: `${services.join(', ')} run${services.length === 1 ? 's' : ''} ${id} while ${td.family}:${latest} is registered; deploy the latest revision or deregister it.`,
          loc: td.loc,
          usedBy: [id, ...services],
        }),
      );
    }
  }
  const report: TaskDefinitionReport = {
    id,
    family: td.family,
    services,
    executionRolePolicy: policyFromRequirements(reqs.requirements.filter((r) => r.role === 'execution')),
    notes: reqs.notes,
    findings,
  };
  if (td.revision !== undefined) report.revision = td.revision;
  if (td.arn) report.arn = td.arn;
  if (td.taskRoleArn) report.taskRoleArn = td.taskRoleArn;
  if (td.executionRoleArn) report.executionRoleArn = td.executionRoleArn;
  return report;
}
