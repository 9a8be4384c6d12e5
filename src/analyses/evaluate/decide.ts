/**
 * The decision, derived from what the statements said, in one small function that mirrors the
 * IAM UG's "Policy evaluation logic" flow chart (aws-facts §5.1): deny, RCPs, SCPs, resource-based
 * policy, identity-based policies, permissions boundary, session policy.
 */
import type { Decision } from '../../model/index.js';
import type { PrincipalMatch } from './principal-match.js';

export type ResourceKind = 'generic' | 'kms:key' | 'iam:role-trust';

export interface Facts {
  action: string;
  explicitDeny: boolean;
  /** Null when RCPs are not in effect for this request; else the first level with no Allow, or -1. */
  rcpLevelWithoutAllow: number | null;
  scpLevelWithoutAllow: number | null;
  crossAccount: boolean;
  /** The service acting for itself: no identity-based side exists. */
  servicePrincipal: boolean;
  /** Null when no resource-based policy is in play. */
  resourceKind: ResourceKind | null;
  /** How the strongest allowing resource-based statement named the caller; null when none allows. */
  resourceAllow: PrincipalMatch | null;
  identityAllows: boolean;
  /** Null when there is no boundary / session policy. */
  boundaryAllows: boolean | null;
  sessionAllows: boolean | null;
}

export interface Verdict {
  decision: Decision;
  reason: string;
}

const allow = (reason: string): Verdict => ({ decision: 'Allow', reason });
const deny = (reason: string): Verdict => ({ decision: 'ImplicitDeny', reason });

/** Grants named this way stand without an identity-based Allow, within one account. */
const STANDS_ALONE = new Set<PrincipalMatch>(['session', 'user', 'wildcard', 'service', 'federated']);

export function decide(f: Facts): Verdict {
  if (f.explicitDeny) return { decision: 'ExplicitDeny', reason: `an explicit Deny applies to ${f.action}` };
  if (f.rcpLevelWithoutAllow !== null && f.rcpLevelWithoutAllow >= 0) {
    return deny(`no resource control policy at level ${f.rcpLevelWithoutAllow} allows ${f.action}`);
  }
  if (f.scpLevelWithoutAllow !== null && f.scpLevelWithoutAllow >= 0) {
    return deny(`no service control policy at level ${f.scpLevelWithoutAllow} allows ${f.action}`);
  }
  const limits = limitsOf(f);
  const identitySide = f.identityAllows ? limits : deny(`no identity-based policy allows ${f.action}`);
  const kind = f.resourceKind;
  const named = f.resourceAllow;

  if (kind === 'kms:key' || kind === 'iam:role-trust') {
    const what = kind === 'kms:key' ? 'the key policy' : "the role's trust policy";
    if (named === null) return deny(`${what} does not allow ${f.action} for this principal`);
    if (f.servicePrincipal) return allow(`${what} allows the service`);
    if (named === 'account' || f.crossAccount) {
      return identitySide.decision === 'Allow'
        ? allow(`${what} delegates to IAM and an identity-based policy allows ${f.action}`)
        : identitySide;
    }
    // A user named in a trust policy is still held to its boundary: "If a permissions boundary is
    // set for the user, then it must allow the sts:AssumeRole action" (IAM UG, "Update a role trust policy").
    if (named === 'role' || (kind === 'iam:role-trust' && named === 'user'))
      return limits.decision === 'Allow' ? allow(`${what} allows the ${named}`) : limits;
    return allow(`${what} allows the ${named} principal`);
  }
  if (kind === 'generic') {
    if (f.crossAccount) {
      if (named === null) return deny(`cross-account: the resource-based policy does not allow ${f.action}`);
      return identitySide.decision === 'Allow'
        ? allow('cross-account: both the identity side and the resource-based policy allow')
        : identitySide;
    }
    if (named !== null && STANDS_ALONE.has(named))
      return allow(`a resource-based policy allows the ${named} principal`);
    if (named === 'role' && limits.decision === 'Allow')
      return allow('a resource-based policy allows the role');
    if (f.servicePrincipal) return deny(`no resource-based policy allows the service ${f.action}`);
  } else if (f.crossAccount) {
    return deny(`cross-account access to ${f.action} needs a resource-based policy that allows it`);
  }
  if (f.servicePrincipal) return deny(`no resource-based policy allows the service ${f.action}`);
  return identitySide.decision === 'Allow'
    ? allow(`an identity-based policy allows ${f.action}`)
    : identitySide;
}

/** Permissions boundary and session policy: each, when present, must allow. */
function limitsOf(f: Facts): Verdict {
  if (f.boundaryAllows === false) return deny(`the permissions boundary does not allow ${f.action}`);
  if (f.sessionAllows === false) return deny(`the session policy does not allow ${f.action}`);
  return allow('');
}
