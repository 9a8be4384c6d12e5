/**
 * AWS Systems Manager Parameter Store (aws-facts §2.2, §4.2). A parameter ARN is
 * `arn:aws:ssm:REGION:ACCOUNT:parameter/NAME` with the name's leading `/` dropped; a version or
 * label selector (`name:3`, `name:prod`) is not part of it. Public parameters (`/aws/service/...`)
 * belong to no account: `arn:aws:ssm:REGION::parameter/aws/service/...`.
 */
import { arnResource, isArn, list, param, regionalArn, str } from './context.js';
import { mapped, one } from './permissions.js';
import type { EventContext, EventHandler, EventTable, ServiceMapping } from './types.js';

const withoutLeadingSlash = (name: string) => (name.startsWith('/') ? name.slice(1) : name);

/** The ARN of a parameter named by name or ARN. */
export function parameterArn(ctx: EventContext, ref: string): string {
  if (isArn(ref)) {
    // Parameter names cannot hold ':', so a colon after `parameter/` starts a selector.
    const resource = arnResource(ref);
    const colon = resource.indexOf(':');
    return colon < 0 ? ref : ref.slice(0, ref.length - resource.length + colon);
  }
  const colon = ref.indexOf(':');
  const name = withoutLeadingSlash(colon < 0 ? ref : ref.slice(0, colon));
  const account = name.startsWith('aws/service/') ? '' : ctx.account;
  return regionalArn(ctx, 'ssm', `parameter/${name}`, ctx.region, account);
}

/** `action` on the parameter `name` names. */
function onName(action: string): EventHandler {
  return (ctx) => {
    const name = param(ctx, 'name');
    return one(action, name ? parameterArn(ctx, name) : regionalArn(ctx, 'ssm', 'parameter/*'));
  };
}

/** `action` on each parameter of `names`. */
function onNames(action: string): EventHandler {
  return (ctx) => {
    const names = list(ctx.params.names).flatMap((n) => str(n) ?? []);
    if (names.length === 0) return one(action, regionalArn(ctx, 'ssm', 'parameter/*'));
    return mapped(names.map((n) => ({ action, resource: parameterArn(ctx, n) })));
  };
}

export const ssmEvents: EventTable = {
  // SSM UG "How Parameter Store authorizes parameter retrieval": each retrieval action is authorized
  // on its own (a Deny on ssm:GetParameter does not cover ssm:GetParameters), per parameter.
  GetParameter: onName('ssm:GetParameter'),
  GetParameters: onNames('ssm:GetParameters'),
  GetParameterHistory: onName('ssm:GetParameterHistory'),
  // Same page: "GetParametersByPath is the exception: it authorizes against the path in the request
  // rather than against the parameters it returns": the path itself, trailing `/` kept, not `path/*`.
  GetParametersByPath: (ctx) => {
    const path = param(ctx, 'path');
    if (!path) return one('ssm:GetParametersByPath', regionalArn(ctx, 'ssm', 'parameter/*'));
    const name = withoutLeadingSlash(path);
    const account = name.startsWith('aws/service/') ? '' : ctx.account;
    return one('ssm:GetParametersByPath', regionalArn(ctx, 'ssm', `parameter/${name}`, ctx.region, account));
  },
  PutParameter: onName('ssm:PutParameter'),
  DeleteParameter: onName('ssm:DeleteParameter'),
  DeleteParameters: onNames('ssm:DeleteParameters'),
  LabelParameterVersion: onName('ssm:LabelParameterVersion'),
};

export const ssm: ServiceMapping = {
  eventSources: ['ssm.amazonaws.com'],
  events: ssmEvents,
  reads: ['name', 'names', 'path'],
  resource: (ctx, type) => {
    if (type !== 'parameter') return undefined;
    const name = param(ctx, 'name');
    return name ? parameterArn(ctx, name) : undefined;
  },
};
