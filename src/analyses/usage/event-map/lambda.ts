/**
 * AWS Lambda (aws-facts §2.2). `functionName` is a name (`my-function`), a partial ARN
 * (`123456789012:function:my-function`) or a full ARN, each optionally with `:VERSION|ALIAS`;
 * `qualifier` adds one. "Actions that operate on a function can be restricted to a specific function
 * by function, version, or alias ARN" (Lambda DG lambda-api-permissions-ref): a qualified call is
 * reported on the qualified ARN. Management events carry API-version suffixes (normalize.ts).
 */
import { isArn, param, regionalArn, resourceArn } from './context.js';
import { one } from './permissions.js';
import type { EventContext, EventHandler, EventTable, ServiceMapping } from './types.js';

/** The function (version, alias) ARN the request names. */
export function functionArn(ctx: EventContext): string | undefined {
  const ref = param(ctx, 'functionName');
  let arn: string | undefined;
  if (ref) {
    if (isArn(ref)) arn = ref;
    else {
      const parts = ref.split(':');
      // ACCOUNT:function:NAME[:QUALIFIER] | NAME[:QUALIFIER]
      if (parts.length >= 3 && parts[1] === 'function') {
        arn = regionalArn(ctx, 'lambda', parts.slice(1).join(':'), ctx.region, parts[0]);
      } else arn = regionalArn(ctx, 'lambda', `function:${ref}`);
    }
  } else {
    arn = resourceArn(ctx, (a) => a.includes(':lambda:') && a.includes(':function:'));
  }
  const qualifier = param(ctx, 'qualifier');
  if (arn && qualifier && !hasQualifier(arn)) arn = `${arn}:${qualifier}`;
  return arn;
}

/** `arn:p:lambda:r:a:function:NAME:QUALIFIER` has eight colon-separated fields. */
function hasQualifier(arn: string): boolean {
  let colons = 0;
  for (let i = 0; i < arn.length; i++) if (arn.charCodeAt(i) === 58) colons++;
  return colons >= 7;
}

function onFunction(action: string): EventHandler {
  return (ctx) => one(action, functionArn(ctx) ?? regionalArn(ctx, 'lambda', 'function:*'));
}

export const lambdaEvents: EventTable = {
  // Invoke (a data event) is authorized as lambda:InvokeFunction (Lambda API ref Invoke).
  Invoke: onFunction('lambda:InvokeFunction'),
  // Lambda API ref InvokeWithResponseStream: also lambda:InvokeFunction; there is no action of its name.
  InvokeWithResponseStream: onFunction('lambda:InvokeFunction'),
};

export const lambda: ServiceMapping = {
  eventSources: ['lambda.amazonaws.com'],
  events: lambdaEvents,
  reads: ['functionname', 'qualifier'],
  resource: (ctx, type) => (type === 'function' ? functionArn(ctx) : undefined),
};
