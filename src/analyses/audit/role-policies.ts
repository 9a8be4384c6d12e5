import type { Inventory, ManagedPolicy, NamedDocument, Role } from '../../model/index.js';
import { compilePolicySet, type NamedPolicy, type PolicySet } from '../evaluate/authorize.js';

/** A role's own policies, resolved: what the engine and the checks look at. */
export interface RolePolicies {
  role: Role;
  /** Inline and managed policies, each with a display name (`inline:NAME` or the policy ARN). */
  identity: Array<NamedDocument & { kind: 'inline' | 'managed'; arn?: string }>;
  boundary: NamedDocument | null;
  /** Managed policy ARNs found nowhere (not in the input, not in the bundled snapshot). */
  missing: string[];
  set: PolicySet;
}

export type ManagedPolicyLookup = (arn: string) => ManagedPolicy | undefined;

/** Managed policies by ARN: the inventory's, then the lookup (the bundled AWS managed snapshot). */
export function managedPolicyIndex(inventory: Inventory, lookup: ManagedPolicyLookup): ManagedPolicyLookup {
  const managed = new Map(inventory.managedPolicies.map((p) => [p.arn, p]));
  return (arn) => managed.get(arn) ?? lookup(arn);
}

export function rolePolicies(role: Role, find: ManagedPolicyLookup): RolePolicies {
  const missing: string[] = [];
  const identity: RolePolicies['identity'] = role.inlinePolicies.map((p) => ({
    ...p,
    name: `inline:${p.name}`,
    kind: 'inline' as const,
  }));
  for (const arn of role.managedPolicyArns) {
    const p = find(arn);
    if (p) identity.push({ name: arn, document: p.document, loc: p.loc, kind: 'managed', arn });
    else missing.push(arn);
  }
  let boundary: NamedDocument | null = null;
  if (role.permissionsBoundaryArn) {
    const p = find(role.permissionsBoundaryArn);
    if (p) boundary = { name: role.permissionsBoundaryArn, document: p.document, loc: p.loc };
    else missing.push(role.permissionsBoundaryArn);
  }
  const named = (d: NamedDocument): NamedPolicy => ({ name: d.name, document: d.document });
  const set = compilePolicySet({
    identity: identity.map(named),
    permissionsBoundary: boundary ? named(boundary) : null,
  });
  return { role, identity, boundary, missing, set };
}
