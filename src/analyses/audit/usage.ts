/** Who uses each role: task definition families and revisions, as task or execution role, and their services. */
import type { EcsService, Inventory, Role, TaskDefinition } from '../../model/index.js';

export interface RoleUse {
  /** `family:revision` (or the family when the revision is unknown). */
  taskDefinition: string;
  family: string;
  as: 'task' | 'execution';
  /** `cluster/service` of services running this revision. */
  services: string[];
  /** The task definition's Region, when known: where probes are made. */
  region?: string;
}

export function taskDefinitionId(td: TaskDefinition): string {
  return td.revision !== undefined ? `${td.family}:${td.revision}` : td.family;
}

/** Does a service's `taskDefinition` (ARN, `family:rev` or family) name this task definition? */
export function serviceRuns(service: EcsService, td: TaskDefinition): boolean {
  const ref = service.taskDefinition;
  if (td.arn && ref === td.arn) return true;
  const tail = ref.includes(':task-definition/')
    ? ref.slice(ref.indexOf(':task-definition/') + ':task-definition/'.length)
    : ref;
  return tail === taskDefinitionId(td) || (td.revision === undefined && tail.split(':')[0] === td.family);
}

/**
 * Matches a task definition's role reference against the roles read: by ARN, or by name when ECS
 * was given just a name (it accepts one) or an IaC link resolved to one.
 */
export type RoleFinder = (ref: string) => Role | undefined;

export function roleFinder(roles: readonly Role[]): RoleFinder {
  const byArn = new Map(roles.map((r) => [r.arn, r]));
  const byName = new Map<string, Role>();
  for (const r of roles) if (!byName.has(r.name)) byName.set(r.name, r);
  return (ref) => byArn.get(ref) ?? (ref.includes(':') ? undefined : byName.get(ref));
}

/** `cluster/service` names per task definition, found in one pass over the services. */
export function servicesByTaskDefinition(inventory: Inventory): Map<TaskDefinition, string[]> {
  const out = new Map<TaskDefinition, string[]>();
  const byId = new Map<string, TaskDefinition[]>();
  for (const td of inventory.taskDefinitions) {
    out.set(td, []);
    for (const key of [td.arn, taskDefinitionId(td), td.revision === undefined ? td.family : undefined]) {
      if (!key) continue;
      const list = byId.get(key) ?? [];
      list.push(td);
      byId.set(key, list);
    }
  }
  for (const s of inventory.services) {
    const ref = s.taskDefinition;
    const tail = ref.includes(':task-definition/')
      ? ref.slice(ref.indexOf(':task-definition/') + ':task-definition/'.length)
      : ref;
    const candidates = new Set([
      ...(byId.get(ref) ?? []),
      ...(byId.get(tail) ?? []),
      ...(byId.get(tail.split(':')[0]!) ?? []),
    ]);
    for (const td of candidates) if (serviceRuns(s, td)) out.get(td)!.push(`${s.cluster}/${s.name}`);
  }
  return out;
}

export function roleUses(
  inventory: Inventory,
  findRole: RoleFinder,
  services: Map<TaskDefinition, string[]>,
): Map<Role, RoleUse[]> {
  const uses = new Map<Role, RoleUse[]>();
  for (const td of inventory.taskDefinitions) {
    const tdServices = services.get(td) ?? [];
    for (const [as, ref] of [
      ['task', td.taskRoleArn],
      ['execution', td.executionRoleArn],
    ] as const) {
      if (!ref) continue;
      const role = findRole(ref);
      if (!role) continue;
      const list = uses.get(role) ?? [];
      list.push({
        taskDefinition: taskDefinitionId(td),
        family: td.family,
        as,
        services: tdServices,
        region: td.region,
      });
      uses.set(role, list);
    }
  }
  return uses;
}
