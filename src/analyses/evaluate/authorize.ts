/**
 * All policies to one decision: every applicable statement is evaluated and sorted into a bucket
 * (allow, deny, not matched, error); `decide` then derives the decision from the buckets.
 */
import type { Catalog } from '../../catalog/index.js';
import type {
  AuthorizationRequest,
  AuthorizationResult,
  Explanation,
  NotMatched,
  PolicyDocument,
  PolicyKind,
} from '../../model/index.js';
import { type CompiledPolicy, type CompiledStatement, compilePolicy, statementsFor } from './compile.js';
import { decide, type Facts, type ResourceKind } from './decide.js';
import { arnRegionAndAccount } from './match/arn.js';
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

/** What one policy said about the request, as bits: the fast path allocates nothing per policy. */
const ALLOW = 1;
const DENY = 2;

const NAMED_RANK: Record<PrincipalMatch, number> = {
  account: 0,
  role: 1,
  wildcard: 2,
  federated: 2,
  service: 3,
  user: 3,
  session: 3,
};

/** Shared by every unexplained answer: its buckets are left empty on purpose. */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** Explanation entries for statements whose Action element leaves the action out, per policy and action. */
const actionMisses = new WeakMap<CompiledPolicy, Map<string, readonly NotMatched[]>>();

function missesFor(
  p: CompiledPolicy,
  applicable: readonly CompiledStatement[],
  req: PreparedRequest,
): readonly NotMatched[] {
  let byAction = actionMisses.get(p);
  if (!byAction) {
    byAction = new Map();
    actionMisses.set(p, byAction);
  }
  let misses = byAction.get(req.lowerAction);
  if (!misses) {
    const inList = new Set(applicable);
    misses = Object.freeze(
      p.statements
        .filter((st) => !inList.has(st))
        .map((st) =>
          Object.freeze({ ...st.ref, reason: 'action' as const, detail: actionDetail(st, req.action) }),
        ),
    );
    byAction.set(req.lowerAction, misses);
  }
  return misses;
}

class Evaluation {
  readonly explanation: Explanation | null;
  readonly errors: string[] = [];
  /** Strongest principal match among the allowing statements of the last resource policy evaluated. */
  named: PrincipalMatch | null = null;

  constructor(
    private readonly req: PreparedRequest,
    explain: boolean,
  ) {
    this.explanation = explain ? { allows: [], denies: [], notMatched: [], errors: [], reason: '' } : null;
  }

  policy(p: CompiledPolicy, resourcePolicy: boolean): number {
    let verdict = 0;
    this.named = null;
    const applicable = statementsFor(p, this.req.lowerAction);
    const ex = this.explanation;
    for (const st of applicable) {
      const out = evaluateStatement(st, this.req, resourcePolicy, ex !== null);
      if (out.kind === 'match') {
        if (st.ref.effect === 'Deny') verdict |= DENY;
        else {
          verdict |= ALLOW;
          const named = out.principal;
          if (named && (this.named === null || NAMED_RANK[named] > NAMED_RANK[this.named]))
            this.named = named;
        }
        ex?.[st.ref.effect === 'Deny' ? 'denies' : 'allows'].push(st.ref);
      } else if (out.kind === 'error') {
        // Fail closed: a Deny that cannot be evaluated counts as applying; an Allow as not.
        if (st.ref.effect === 'Deny') verdict |= DENY;
        this.errors.push(`${p.kind} policy ${p.name}, statement ${st.ref.statement}: ${out.message}`);
        ex?.errors.push({ ...st.ref, message: out.message });
      } else ex?.notMatched.push({ ...st.ref, reason: out.reason, detail: out.detail });
    }
    if (ex) ex.notMatched.push(...missesFor(p, applicable, this.req));
    return verdict;
  }

  /** Every level must allow; returns the first level without an Allow, or -1. */
  levels(levels: readonly (readonly CompiledPolicy[])[], denied: { value: boolean }): number {
    let first = -1;
    for (let i = 0; i < levels.length; i++) {
      let allow = false;
      for (const p of levels[i]!) {
        const v = this.policy(p, false);
        if (v & ALLOW) allow = true;
        if (v & DENY) denied.value = true;
      }
      if (!allow && first < 0) first = i;
    }
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
  const arn = arnRegionAndAccount(request.resource);
  const resourceAccount = resourceAccountOf(request, arn?.account);
  const req = prepareRequest(request, resourceAccount, arn?.region ?? '', set.boundary !== null);
  const ev = new Evaluation(req, explain);
  const problems = requestProblems(request, req.lowerAction, catalog);
  if (problems.length) ev.errors.push(...problems);

  const servicePrincipal = request.principal.type === 'Service';
  const denied = { value: false };
  let identityAllows = false;
  for (const p of set.identity) {
    const v = ev.policy(p, false);
    if (v & ALLOW) identityAllows = true;
    if (v & DENY) denied.value = true;
  }
  const boundary = set.boundary ? ev.policy(set.boundary, false) : -1;
  const session = set.session ? ev.policy(set.session, false) : -1;
  const resource = set.resource ? ev.policy(set.resource, true) : -1;
  const resourceNamed = ev.named;
  if (
    (boundary > 0 && boundary & DENY) ||
    (session > 0 && session & DENY) ||
    (resource > 0 && resource & DENY)
  )
    denied.value = true;

  // SCPs restrict the IAM principals of member accounts, not AWS services acting for themselves.
  // RCPs restrict every caller of a resource in a member account, service principals included:
  // "regardless of whether the principals belong to the same organizations or not ... The exception
  // is when principals are service-linked roles" (AWS Organizations UG, "Resource control policies";
  // the KMS DG's RCP example "requires that AWS service principals can only access your customer
  // managed KMS keys when the request originates from your organization"), and only for services
  // that support RCPs (same page, "List of AWS services that support RCPs").
  const service = request.action.slice(0, request.action.indexOf(':')).toLowerCase();
  const scpLevel = set.scps && !servicePrincipal ? ev.levels(set.scps, denied) : null;
  const rcpLevel = set.rcps && catalog.supportsRcp(service) ? ev.levels(set.rcps, denied) : null;

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
    resourceAllow: resource > 0 && resource & ALLOW ? resourceNamed : null,
    identityAllows,
    boundaryAllows: boundary < 0 ? null : (boundary & ALLOW) !== 0,
    sessionAllows: session < 0 ? null : (session & ALLOW) !== 0,
  };
  const verdict = decide(facts);
  const explanation = ev.explanation ?? {
    allows: NONE,
    denies: NONE,
    notMatched: NONE,
    errors: NONE,
    reason: '',
  };
  explanation.reason = verdict.reason;
  return { decision: verdict.decision, explanation, errors: ev.errors };
}
