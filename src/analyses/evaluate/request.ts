/**
 * Turning a request into what statements are evaluated against: the context with the keys the
 * principal and resource imply (IAM UG, "AWS global condition context keys"), and the checks that
 * make a malformed request an error rather than a quiet deny.
 */
import type { ActionInfo, Catalog } from '../../catalog/index.js';
import type { AuthorizationRequest, ContextValue, Principal } from '../../model/index.js';
import { buildRequestContext, type RequestContext } from './match/request-context.js';
import { arnMatchesFormat } from './match/resource-type-match.js';
import type { PreparedRequest } from './statement.js';

const PRINCIPAL_TYPE: Record<Principal['type'], string | undefined> = {
  AssumedRole: 'AssumedRole',
  Role: 'AssumedRole',
  User: 'User',
  FederatedUser: 'FederatedUser',
  Root: 'Account',
  Anonymous: 'Anonymous',
  Service: undefined,
};

/**
 * The request context conditions read: the keys given, then the keys the principal and resource
 * imply. Implied keys are computed on lookup, not built per request: the engine answers millions
 * of requests and most conditions read one or two keys.
 */
class PreparedContext implements RequestContext {
  constructor(
    private readonly given: RequestContext,
    private readonly req: AuthorizationRequest,
    private readonly region: string,
    private readonly resourceAccount: string,
  ) {}

  get(lowerKey: string): ContextValue | undefined {
    return (
      this.given.get(lowerKey) ??
      impliedValue(lowerKey, this.req.principal, this.region, this.resourceAccount)
    );
  }
}

const PRINCIPAL_TAG = 'aws:principaltag/';
const lowerTags = new WeakMap<Record<string, string>, Map<string, string>>();

/** One implied key (IAM UG, "AWS global condition context keys"); undefined when absent. */
function impliedValue(
  lowerKey: string,
  p: Principal,
  region: string,
  resourceAccount: string,
): string | undefined {
  const service = p.type === 'Service';
  switch (lowerKey) {
    case 'aws:principalisawsservice':
      return p.type === 'Anonymous' ? undefined : String(service);
    case 'aws:principalservicename':
      return service ? p.arn : undefined;
    case 'aws:principalarn':
      return service || p.type === 'Anonymous'
        ? undefined
        : p.type === 'AssumedRole'
          ? (p.roleArn ?? p.arn)
          : p.arn;
    case 'aws:principalaccount':
      return service ? undefined : nonEmpty(p.account);
    case 'aws:principaltype':
      return PRINCIPAL_TYPE[p.type];
    case 'aws:userid':
      return service ? undefined : nonEmpty(p.userid);
    case 'aws:username':
      return p.type === 'User' ? p.arn.slice(p.arn.lastIndexOf('/') + 1) : undefined;
    case 'aws:requestedregion':
      return nonEmpty(region);
    case 'aws:resourceaccount':
      return nonEmpty(resourceAccount);
  }
  if (p.tags && lowerKey.startsWith(PRINCIPAL_TAG)) {
    let tags = lowerTags.get(p.tags);
    if (!tags) {
      tags = new Map(Object.entries(p.tags).map(([k, v]) => [k.toLowerCase(), v]));
      lowerTags.set(p.tags, tags);
    }
    return tags.get(lowerKey.slice(PRINCIPAL_TAG.length));
  }
  return undefined;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

/** The account that owns the resource: given, else in its ARN, else the caller's (S3 ARNs have none). */
export function resourceAccountOf(req: AuthorizationRequest, arnAccount: string | undefined): string {
  return req.resourceAccount ?? (arnAccount || req.principal.account || '');
}

/** Per catalogue and action: the action's info and the formats a resource must match, resolved once. */
const actionShapes = new WeakMap<Catalog, Map<string, ActionShape | null>>();

interface ActionShape {
  action: ActionInfo;
  formats: readonly string[];
  describe: string;
}

function shapeOf(catalog: Catalog, lowerAction: string): ActionShape | null {
  let byAction = actionShapes.get(catalog);
  if (!byAction) {
    byAction = new Map();
    actionShapes.set(catalog, byAction);
  }
  let shape = byAction.get(lowerAction);
  if (shape === undefined) {
    const action = catalog.actionByKey(lowerAction);
    if (action) {
      const types = catalog.resourceTypesOf(action);
      shape = {
        action,
        formats: types.flatMap((t) => t.arnFormats),
        describe: types.map((t) => `${t.name} (${t.arnFormats.join(' or ')})`).join(' or '),
      };
    } else shape = null;
    byAction.set(lowerAction, shape);
  }
  return shape;
}

/** Problems that make the request malformed; the answer then carries them as errors. */
const NO_PROBLEMS: string[] = [];

export function requestProblems(req: AuthorizationRequest, lowerAction: string, catalog: Catalog): string[] {
  const shape = shapeOf(catalog, lowerAction);
  // The common case, checked without allocating: a known action on a resource of its type.
  if (
    shape &&
    req.principal?.arn &&
    (req.principal.type !== 'AssumedRole' || req.principal.roleArn) &&
    req.resource
  ) {
    if (
      shape.action.wildcardOnly
        ? req.resource === '*'
        : req.resource === '*' ||
          shape.formats.length === 0 ||
          shape.formats.some((f) => arnMatchesFormat(req.resource, f))
    )
      return NO_PROBLEMS;
  }
  const problems: string[] = [];
  if (!req.principal?.arn) problems.push('the request has no principal ARN');
  if (req.principal?.type === 'AssumedRole' && !req.principal.roleArn) {
    problems.push('an AssumedRole principal needs roleArn (the role ARN, path included)');
  }
  if (!shape) {
    problems.push(`unknown action "${req.action}"`);
    return problems;
  }
  const { action, formats } = shape;
  if (!req.resource) problems.push('the request has no resource');
  else if (action.wildcardOnly) {
    if (req.resource !== '*') {
      problems.push(
        `${action.key} has no resource type: its requests carry the resource "*", not ${req.resource}`,
      );
    }
  } else if (
    req.resource !== '*' &&
    formats.length > 0 &&
    !formats.some((f) => arnMatchesFormat(req.resource, f))
  ) {
    problems.push(`${req.resource} is not a resource of ${action.key}, which applies to ${shape.describe}`);
  }
  return problems;
}

const givenContexts = new WeakMap<Record<string, ContextValue>, RequestContext>();

/** Replays share context objects across requests: lower-case each one once. */
function givenContext(context: Record<string, ContextValue>): RequestContext {
  let ctx = givenContexts.get(context);
  if (!ctx) {
    ctx = buildRequestContext(context);
    givenContexts.set(context, ctx);
  }
  return ctx;
}

export function prepareRequest(
  req: AuthorizationRequest,
  resourceAccount: string,
  region: string,
  hasBoundary: boolean,
): PreparedRequest {
  return {
    principal: req.principal,
    action: req.action,
    lowerAction: req.action.toLowerCase(),
    resource: req.resource,
    ctx: new PreparedContext(givenContext(req.context), req, region, resourceAccount),
    hasBoundary,
  };
}
