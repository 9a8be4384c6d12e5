import type { Inventory, Unresolved } from '../../model/inventory.js';

/**
 * What the account read referenced but did not return: a managed policy attached to a role (e.g. an
 * AWS managed policy the API left out), a role a task definition names (deleted, or in another account).
 */
export function findUnresolved(inv: Inventory): Unresolved[] {
  const out: Unresolved[] = [];
  // ECS accepts a role name where it expects an ARN.
  const roles = new Set(inv.roles.flatMap((r) => [r.arn, r.name]));
  const policies = new Set(inv.managedPolicies.map((p) => p.arn));
  for (const role of inv.roles) {
    for (const arn of role.managedPolicyArns) {
      if (!policies.has(arn))
        out.push({ what: `managed policy ${arn} attached to role ${role.name}`, loc: role.loc });
    }
  }
  for (const td of inv.taskDefinitions) {
    for (const [field, arn] of [
      ['taskRoleArn', td.taskRoleArn],
      ['executionRoleArn', td.executionRoleArn],
    ] as const) {
      if (arn && !roles.has(arn)) out.push({ what: `role ${arn} (${field} of ${td.family})`, loc: td.loc });
    }
  }
  return out;
}
