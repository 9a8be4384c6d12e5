/**
 * Amazon CloudWatch Logs (aws-facts §2.2, §4.2). Log group `arn:aws:logs:R:A:log-group:GROUP`, log
 * stream `arn:aws:logs:R:A:log-group:GROUP:log-stream:STREAM` (the service reference's formats).
 * A group is `logGroupName`, or `logGroupIdentifier` (a name or an ARN, which may end in `:*`).
 * Group actions are reported on `log-group:GROUP:*`, the form policies must name (groupPolicyArn).
 */
import { isArn, list, param, regionalArn, str } from './context.js';
import { mapped, one } from './permissions.js';
import type { EventContext, EventHandler, EventTable, ServiceMapping } from './types.js';

/** The log group ARN of a name or ARN (a trailing `:*` dropped). */
export function logGroupArn(ctx: EventContext, ref: string): string {
  if (isArn(ref)) return ref.endsWith(':*') ? ref.slice(0, -2) : ref;
  return regionalArn(ctx, 'logs', `log-group:${ref}`);
}

/** The three actions whose policies name a log group without the trailing `:*`. */
const PLAIN_GROUP_ARN_EVENTS = new Set(['TagResource', 'UntagResource', 'ListTagsForResource']);

/**
 * What a policy names to allow a log-group action: CloudWatch Logs UG "Overview of managing access
 * permissions": the ARN "with the trailing :*" for "all other API actions" than TagResource,
 * UntagResource and ListTagsForResource (`log-group:NAME:*` also covers the group's streams).
 */
export function groupPolicyArn(ctx: EventContext, ref: string): string {
  const arn = logGroupArn(ctx, ref);
  return PLAIN_GROUP_ARN_EVENTS.has(ctx.eventName) ? arn : `${arn}:*`;
}

function groupRef(ctx: EventContext): string | undefined {
  return param(ctx, 'logGroupName') ?? param(ctx, 'logGroupIdentifier');
}

function groupArn(ctx: EventContext): string | undefined {
  const ref = groupRef(ctx);
  return ref ? logGroupArn(ctx, ref) : undefined;
}

function streamArn(ctx: EventContext): string | undefined {
  const group = groupArn(ctx);
  const stream = param(ctx, 'logStreamName');
  return group && stream ? `${group}:log-stream:${stream}` : undefined;
}

/** `action` on the log stream; without a stream name, every stream of the group (a pattern). */
function onStream(action: string): EventHandler {
  return (ctx) => {
    const exact = streamArn(ctx);
    if (exact) return one(action, exact);
    const group = groupArn(ctx) ?? regionalArn(ctx, 'logs', 'log-group:*');
    return one(action, `${group}:log-stream:*`);
  };
}

function groupResource(ctx: EventContext): string | undefined {
  const ref = groupRef(ctx);
  return ref ? groupPolicyArn(ctx, ref) : undefined;
}

function onGroup(action: string): EventHandler {
  return (ctx) => one(action, groupResource(ctx) ?? regionalArn(ctx, 'logs', 'log-group:*'));
}

export const logsEvents: EventTable = {
  // The service reference authorizes stream calls on the log-stream ARN (awslogs driver, aws-facts §4.2).
  CreateLogStream: onStream('logs:CreateLogStream'),
  PutLogEvents: onStream('logs:PutLogEvents'),
  GetLogEvents: onStream('logs:GetLogEvents'),
  CreateLogGroup: onGroup('logs:CreateLogGroup'),
  // StartQuery names its groups in a list (logGroupNames or logGroupIdentifiers).
  StartQuery: (ctx) => {
    const refs = [...list(ctx.params.logGroupNames), ...list(ctx.params.logGroupIdentifiers)].flatMap(
      (r) => str(r) ?? [],
    );
    if (groupRef(ctx)) refs.push(groupRef(ctx)!);
    if (refs.length === 0) return one('logs:StartQuery', regionalArn(ctx, 'logs', 'log-group:*'));
    return mapped(refs.map((r) => ({ action: 'logs:StartQuery', resource: groupPolicyArn(ctx, r) })));
  },
};

export const logs: ServiceMapping = {
  eventSources: ['logs.amazonaws.com'],
  events: logsEvents,
  reads: ['loggroupname', 'loggroupidentifier', 'logstreamname', 'loggroupnames', 'loggroupidentifiers'],
  resource: (ctx, type) => {
    if (type === 'log-stream') return streamArn(ctx);
    if (type === 'log-group') return groupResource(ctx);
    return undefined;
  },
};
