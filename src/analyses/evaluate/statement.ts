import type { NotMatchedReason, Principal } from '../../model/index.js';
import { type CompiledStatement, resourceEntryMatches } from './compile.js';
import type { RequestContext } from './match/request-context.js';
import { notPrincipalApplies, type PrincipalMatch, principalMatch } from './principal-match.js';

/** A request made ready for evaluation: lower-cased action, context with implied keys. */
export interface PreparedRequest {
  readonly principal: Principal;
  readonly action: string;
  readonly lowerAction: string;
  readonly resource: string;
  readonly ctx: RequestContext;
  readonly hasBoundary: boolean;
}

export type StatementOutcome =
  | { kind: 'match'; principal: PrincipalMatch | null }
  | { kind: 'notMatched'; reason: NotMatchedReason; detail: string }
  | { kind: 'error'; message: string };

const MATCH_IDENTITY: StatementOutcome = { kind: 'match', principal: null };

/**
 * One statement against one request whose action it already takes in (see statementsFor).
 * `resourcePolicy` statements must name the principal; identity-side ones never do. Details are
 * built only when `explain`, keeping the fast path free of string work.
 */
export function evaluateStatement(
  st: CompiledStatement,
  req: PreparedRequest,
  resourcePolicy: boolean,
  explain: boolean,
): StatementOutcome {
  let principal: PrincipalMatch | null = null;
  if (resourcePolicy) {
    const s = st.statement;
    if (s.principal) {
      principal = principalMatch(s.principal, req.principal);
      if (principal === null)
        return notMatched(
          'principal',
          explain ? `${req.principal.arn} is not a principal of this statement` : '',
        );
    } else if (s.notPrincipal) {
      if (!notPrincipalApplies(s.notPrincipal, req.principal, req.hasBoundary)) {
        return notMatched('principal', explain ? `${req.principal.arn} is excluded by NotPrincipal` : '');
      }
      principal = 'wildcard';
    } else {
      return notMatched(
        'principal',
        explain ? 'a resource-based statement without Principal applies to no one' : '',
      );
    }
  }
  if (st.resources !== null) {
    let any = false;
    for (const entry of st.resources) {
      if (resourceEntryMatches(entry, req.resource, req.ctx)) {
        any = true;
        break;
      }
    }
    if (any === st.notResource) {
      const list = st.statement.resource ?? st.statement.notResource ?? [];
      const element = st.notResource
        ? 'is listed in NotResource'
        : `matches none of Resource [${list.map((r) => r.value).join(', ')}]`;
      return notMatched('resource', explain ? `${req.resource} ${element}` : '');
    }
  }
  if (st.error !== undefined) return { kind: 'error', message: st.error };
  for (const c of st.conditions) {
    if (!c.test(req.ctx)) return notMatched('condition', explain ? c.explain(req.ctx) : '');
  }
  return principal === null ? MATCH_IDENTITY : { kind: 'match', principal };
}

/** Without explanations the outcome carries no detail: share one object per reason. */
const BARE: Record<NotMatchedReason, StatementOutcome> = {
  action: { kind: 'notMatched', reason: 'action', detail: '' },
  resource: { kind: 'notMatched', reason: 'resource', detail: '' },
  principal: { kind: 'notMatched', reason: 'principal', detail: '' },
  condition: { kind: 'notMatched', reason: 'condition', detail: '' },
};

function notMatched(reason: NotMatchedReason, detail: string): StatementOutcome {
  return detail === '' ? BARE[reason] : { kind: 'notMatched', reason, detail };
}

/** Explanation detail for a statement whose Action element does not take in the action. */
export function actionDetail(st: CompiledStatement, action: string): string {
  const list = (st.statement.action ?? st.statement.notAction ?? []).map((a) => a.value).join(', ');
  return st.notAction ? `${action} is listed in NotAction [${list}]` : `${action} is not in Action [${list}]`;
}
