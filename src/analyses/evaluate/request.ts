/**
 * Turning a request into what statements are evaluated against: the context with the keys the
 * principal and resource imply (IAM UG, "AWS global condition context keys"), and the checks that
 * make a malformed request an error rather than a quiet deny.
 */
import type { Catalog } from '../../catalog/index.js';
import type { AuthorizationRequest, ContextValue, Principal } from '../../model/index.js';
import { parseArn } from './match/arn.js';
import { buildRequestContext } from './match/request-context.js';
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

/** Keys implied by the principal and resource, unless the request context already gives them. */
export function impliedContext(
  req: AuthorizationRequest,
  resourceAccount: string,
): Record<string, ContextValue> {
  const p = req.principal;
  const out: Record<string, ContextValue> = {};
  const add = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== '') out[key] = value;
  };
  if (p.type === 'Service') {
    add('aws:PrincipalIsAWSService', 'true');
    add('aws:PrincipalServiceName', p.arn);
  } else if (p.type !== 'Anonymous') {
    add('aws:PrincipalArn', p.type === 'AssumedRole' ? (p.roleArn ?? p.arn) : p.arn);
    add('aws:PrincipalAccount', p.account);
    add('aws:PrincipalType', PRINCIPAL_TYPE[p.type]);
    add('aws:PrincipalIsAWSService', 'false');
    add('aws:userid', p.userid);
    if (p.type === 'User') add('aws:username', p.arn.slice(p.arn.lastIndexOf('/') + 1));
    for (const [k, v] of Object.entries(p.tags ?? {})) add(`aws:PrincipalTag/${k}`, v);
  }
  const arn = parseArn(req.resource);
  if (arn?.region) add('aws:RequestedRegion', arn.region);
  add('aws:ResourceAccount', resourceAccount);
  return out;
}

/** The account that owns the resource: given, else in its ARN, else the caller's (S3 ARNs have none). */
export function resourceAccountOf(req: AuthorizationRequest): string {
  return req.resourceAccount ?? (parseArn(req.resource)?.account || req.principal.account || '');
}

/** Problems that make the request malformed; the answer then carries them as errors. */
export function requestProblems(req: AuthorizationRequest, catalog: Catalog): string[] {
  const problems: string[] = [];
  if (!req.principal?.arn) problems.push('the request has no principal ARN');
  if (req.principal?.type === 'AssumedRole' && !req.principal.roleArn) {
    problems.push('an AssumedRole principal needs roleArn (the role ARN, path included)');
  }
  const action = catalog.actionByKey(req.action);
  if (!action) {
    problems.push(`unknown action "${req.action}"`);
    return problems;
  }
  if (!req.resource) problems.push('the request has no resource');
  else if (action.wildcardOnly) {
    if (req.resource !== '*')
      problems.push(
        `${action.key} has no resource type: its requests carry the resource "*", not ${req.resource}`,
      );
  } else if (req.resource !== '*') {
    const types = catalog.resourceTypesOf(action);
    if (types.length > 0 && !types.some((t) => t.arnFormats.some((f) => arnMatchesFormat(req.resource, f)))) {
      problems.push(
        `${req.resource} is not a resource of ${action.key}, which applies to ${types.map((t) => `${t.name} (${t.arnFormat})`).join(' or ')}`,
      );
    }
  }
  return problems;
}

export function prepareRequest(
  req: AuthorizationRequest,
  resourceAccount: string,
  hasBoundary: boolean,
): PreparedRequest {
  const context = { ...impliedContext(req, resourceAccount), ...req.context };
  return {
    principal: req.principal,
    action: req.action,
    lowerAction: req.action.toLowerCase(),
    resource: req.resource,
    ctx: buildRequestContext(context),
    hasBoundary,
  };
}
