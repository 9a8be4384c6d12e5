/**
 * All policies to one decision: every applicable statement is evaluated and sorted into a bucket
 * (allow, deny, not matched, error); `decide` then derives the decision from the buckets.
 */
import type { Catalog } from '../../catalog/index.js';
import type {
  AuthorizationRequest,
  AuthorizationResult,
  Explanation,
  PolicyDocument,
  PolicyKind,
} from '../../model/index.js';
import { type CompiledPolicy, compilePolicy, statementsFor } from './compile.js';
import { decide, type Facts, type ResourceKind } from './decide.js';
import type { PrincipalMatch } from './principal-match.js';
import { prepareRequest, requestProblems, resourceAccountOf } from './request.js';
import { actionDetail, evaluateStatement, type PreparedRequest } from './statement.js';

export interface NamedPolicy {
  name: string;
  document: PolicyDocument;
}

/** The policies in the way of a request, as the contract's CASE `policies` names them. */
export interface PolicySetInput {
  identity: NamedPolicy[];
  permissionsBoundary?: NamedPolicy | null;
  sessionPolicy?: NamedPolicy | null;
  resourcePolicy?: NamedPolicy | null;
  resourceKind?: ResourceKind;
  /** Null when SCPs are not in effect; else levels root → account, each a list of policies. */
  scps?: NamedPolicy[][] | null;
  rcps?: NamedPolicy[][] | null;
}

export interface PolicySet {
  readonly identity: readonly CompiledPolicy[];
  readonly boundary: CompiledPolicy | null;
  readonly session: CompiledPolicy | null;
  readonly resource: CompiledPolicy | null;
  readonly resourceKind: ResourceKind;
  readonly scps: readonly (readonly CompiledPolicy[])[] | null;
  readonly rcps: readonly (readonly CompiledPolicy[])[] | null;
}

const RESOURCE_POLICY_KIND: Record<ResourceKind, PolicyKind> = {
  generic: 'resource',
  'kms:key': 'kms key',
  'iam:role-trust': 'role trust',
};

export function compilePolicySet(input: PolicySetInput): PolicySet {
  const one = (p: NamedPolicy | null | undefined, kind: PolicyKind) =>
    p ? compilePolicy(p.document, kind, p.name) : null;
  const levels = (l: NamedPolicy[][] | null | undefined, kind: PolicyKind) =>
    l ? l.map((level, i) => level.map((p) => compilePolicy(p.document, kind, p.name, i))) : null;
  const resourceKind = input.resourceKind ?? 'generic';
  return {
    identity: input.identity.map((p) => compilePolicy(p.document, 'identity', p.name)),
    boundary: one(input.permissionsBoundary, 'permissions boundary'),
    session: one(input.sessionPolicy, 'session'),
    resource: one(input.resourcePolicy, RESOURCE_POLICY_KIND[resourceKind]),
    resourceKind,
    scps: levels(input.scps, 'service control'),
    rcps: levels(input.rcps, 'resource control'),
  };
}

/** What one policy said about the request. */
interface PolicyVerdict {
  allow: boolean;
  deny: boolean;
  /** Strongest principal match among allowing statements (resource-based policies). */
  named: PrincipalMatch | null;
}

const NAMED_RANK: Record<PrincipalMatch, number> = {
  account: 0,
  role: 1,
  wildcard: 2,
  federated: 2,
  service: 3,
  user: 3,
  session: 3,
};

class Evaluation {
  readonly explanation: Explanation | null;
  readonly errors: string[] = [];

  constructor(
    private readonly req: PreparedRequest,
    explain: boolean,
  ) {
    this.explanation = explain ? { allows: [], denies: [], notMatched: [], errors: [], reason: '' } : null;
  }

  policy(p: CompiledPolicy, resourcePolicy: boolean): PolicyVerdict {
    const verdict: PolicyVerdict = { allow: false, deny: false, named: null };
    const applicable = statementsFor(p, this.req.lowerAction);
    const ex = this.explanation;
    for (const st of applicable) {
      const out = evaluateStatement(st, this.req, resourcePolicy, ex !== null);
      if (out.kind === 'match') {
        if (st.ref.effect === 'Deny') verdict.deny = true;
        else {
          verdict.allow = true;
          if (
            out.principal &&
            (verdict.named === null || NAMED_RANK[out.principal] > NAMED_RANK[verdict.named])
          )
            verdict.named = out.principal;
        }
        ex?.[st.ref.effect === 'Deny' ? 'denies' : 'allows'].push(st.ref);
      } else if (out.kind === 'error') {
        // Fail closed: a Deny that cannot be evaluated counts as applying; an Allow as not.
        if (st.ref.effect === 'Deny') verdict.deny = true;
        this.errors.push(`${p.kind} policy ${p.name}, statement ${st.ref.statement}: ${out.message}`);
        ex?.errors.push({ ...st.ref, message: out.message });
      } else ex?.notMatched.push({ ...st.ref, reason: out.reason, detail: out.detail });
    }
    if (ex) {
      for (const st of p.statements) {
        if (!applicable.includes(st))
          ex.notMatched.push({ ...st.ref, reason: 'action', detail: actionDetail(st, this.req.action) });
      }
    }
    return verdict;
  }

  /** Every level must allow; returns the first level without an Allow, or -1. */
  levels(levels: readonly (readonly CompiledPolicy[])[], denied: { value: boolean }): number {
    let first = -1;
    levels.forEach((level, i) => {
      let allow = false;
      for (const p of level) {
        const v = this.policy(p, false);
        allow ||= v.allow;
        if (v.deny) denied.value = true;
      }
      if (!allow && first < 0) first = i;
    });
    return first;
  }
}

export interface AuthorizeOptions {
  /** Build the explanation buckets (costs allocations; off in bulk replay). */
  explain?: boolean;
}

export function authorize(
  set: PolicySet,
  request: AuthorizationRequest,
  catalog: Catalog,
  options: AuthorizeOptions = {},
): AuthorizationResult {
  const explain = options.explain ?? true;
  const resourceAccount = resourceAccountOf(request);
  const req = prepareRequest(request, resourceAccount, set.boundary !== null);
  const ev = new Evaluation(req, explain);
  ev.errors.push(...requestProblems(request, catalog));

  const servicePrincipal = request.principal.type === 'Service';
  const denied = { value: false };
  let identityAllows = false;
  for (const p of set.identity) {
    const v = ev.policy(p, false);
    identityAllows ||= v.allow;
    denied.value ||= v.deny;
  }
  const boundary = set.boundary ? ev.policy(set.boundary, false) : null;
  const session = set.session ? ev.policy(set.session, false) : null;
  const resource = set.resource ? ev.policy(set.resource, true) : null;
  denied.value ||= Boolean(boundary?.deny || session?.deny || resource?.deny);

  // SCPs and RCPs restrict IAM principals, not AWS services acting for themselves; RCPs only
  // for services that support them (AWS Organizations UG, "Resource control policies").
  const service = request.action.slice(0, request.action.indexOf(':')).toLowerCase();
  const scpLevel = set.scps && !servicePrincipal ? ev.levels(set.scps, denied) : null;
  const rcpLevel =
    set.rcps && !servicePrincipal && catalog.supportsRcp(service) ? ev.levels(set.rcps, denied) : null;

  const facts: Facts = {
    action: request.action,
    explicitDeny: denied.value,
    rcpLevelWithoutAllow: rcpLevel,
    scpLevelWithoutAllow: scpLevel,
    crossAccount:
      !servicePrincipal &&
      request.principal.account !== undefined &&
      resourceAccount !== '' &&
      resourceAccount !== request.principal.account,
    servicePrincipal,
    resourceKind: set.resource ? set.resourceKind : null,
    resourceAllow: resource?.allow ? resource.named : null,
    identityAllows,
    boundaryAllows: boundary ? boundary.allow : null,
    sessionAllows: session ? session.allow : null,
  };
  const verdict = decide(facts);
  const explanation = ev.explanation ?? { allows: [], denies: [], notMatched: [], errors: [], reason: '' };
  explanation.reason = verdict.reason;
  return { decision: verdict.decision, explanation, errors: ev.errors };
}
