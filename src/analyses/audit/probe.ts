/**
 * Asking the engine what a role can really do: requests on resources nobody scoped it to, so that
 * conditions, Deny statements and the permissions boundary all have their say.
 */
import type { Catalog } from '../../catalog/index.js';
import type { AuthorizationRequest, Principal, Role } from '../../model/index.js';
import { authorize } from '../evaluate/authorize.js';
import type { RolePolicies } from './role-policies.js';

/** A name no real resource is expected to carry. */
export const PROBE = 'scopedown-probe';

export function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '';
}

/** The principal a task sees: a session of the role named after a task id. */
export function sessionOf(role: Role): Principal {
  const account = role.account ?? accountOf(role.arn);
  const partition = role.arn.split(':')[1] ?? 'aws';
  return {
    type: 'AssumedRole',
    arn: `arn:${partition}:sts::${account}:assumed-role/${role.name}/${PROBE}-task`,
    roleArn: role.arn,
    account,
  };
}

/** Fills an ARN format's placeholders with probe values, e.g. a bucket or secret nobody named. */
export function probeArn(format: string, region: string, account: string): string {
  return format
    .replace('${Partition}', 'aws')
    .replace('${Region}', region)
    .replace('${Account}', account)
    .replace(/\$\{[^}]+\}/g, PROBE);
}

export interface ProbeResult {
  allowed: boolean;
  /** Taken away by an explicit Deny or the permissions boundary (not merely unmatched conditions). */
  neutralized: boolean;
  request: AuthorizationRequest;
  reason: string;
}

export function probe(rp: RolePolicies, catalog: Catalog, action: string, resource: string): ProbeResult {
  const request: AuthorizationRequest = { principal: sessionOf(rp.role), action, resource, context: {} };
  const result = authorize(rp.set, request, catalog, { explain: false });
  const reason = result.explanation.reason;
  return {
    allowed: result.decision === 'Allow' && result.errors.length === 0,
    neutralized: result.decision === 'ExplicitDeny' || reason.startsWith('the permissions boundary'),
    request,
    reason,
  };
}

/** A probe on the action's first resource type, or on `*` for actions without one. */
export function probeAction(
  rp: RolePolicies,
  catalog: Catalog,
  actionKey: string,
  region: string,
): ProbeResult | undefined {
  const action = catalog.actionByKey(actionKey);
  if (!action) return undefined;
  const account = rp.role.account ?? accountOf(rp.role.arn);
  if (action.wildcardOnly) return probe(rp, catalog, action.key, '*');
  const type = catalog.resourceTypesOf(action)[0];
  if (!type) return undefined;
  return probe(rp, catalog, action.key, probeArn(type.arnFormat, region, account));
}
