/**
 * Amazon EventBridge. An event bus is a name or an ARN; without one, the account's `default` bus
 * (`arn:aws:events:R:A:event-bus/default`).
 */
import { fieldCI, isArn, list, param, regionalArn, resourceArns, str } from './context.js';
import { mapped } from './permissions.js';
import type { EventContext, EventTable, ServiceMapping } from './types.js';

export function eventBusArn(ctx: EventContext, ref: string | undefined): string {
  if (ref && isArn(ref)) return ref;
  return regionalArn(ctx, 'events', `event-bus/${ref ?? 'default'}`);
}

/**
 * EventBridge UG "Using IAM policies": events:PutEvents is authorized on each target event bus; an
 * entry without `EventBusName` goes to the default bus.
 */
function putEvents(ctx: EventContext): ReturnType<typeof mapped> {
  const entries = list(fieldCI(ctx.params, 'entries'));
  const buses = entries.map((e) => eventBusArn(ctx, str(fieldCI(e, 'eventBusName'))));
  if (buses.length === 0) {
    const fromRecord = resourceArns(ctx, (a) => a.includes(':events:') && a.includes(':event-bus/'));
    buses.push(...(fromRecord.length > 0 ? fromRecord : [eventBusArn(ctx, undefined)]));
  }
  return mapped(buses.map((resource) => ({ action: 'events:PutEvents', resource })));
}

/** A rule: `arn:aws:events:R:A:rule/NAME` on the default bus, `rule/BUS/NAME` on another. */
function ruleArn(ctx: EventContext): string | undefined {
  const rule = param(ctx, 'rule') ?? (ctx.eventName.endsWith('Rule') ? param(ctx, 'name') : undefined);
  if (!rule) return undefined;
  if (isArn(rule)) return rule;
  const bus = param(ctx, 'eventBusName');
  const busName = bus && isArn(bus) ? bus.slice(bus.indexOf(':event-bus/') + ':event-bus/'.length) : bus;
  return regionalArn(
    ctx,
    'events',
    busName && busName !== 'default' ? `rule/${busName}/${rule}` : `rule/${rule}`,
  );
}

export const eventsEvents: EventTable = {
  PutEvents: putEvents,
};

export const events: ServiceMapping = {
  eventSources: ['events.amazonaws.com'],
  events: eventsEvents,
  reads: ['entries', 'eventbusname', 'rule', 'name'],
  resource: (ctx, type) => {
    if (type === 'event-bus') {
      const bus =
        param(ctx, 'eventBusName') ?? (ctx.eventName.endsWith('EventBus') ? param(ctx, 'name') : undefined);
      return bus ? eventBusArn(ctx, bus) : undefined;
    }
    if (type === 'rule-on-default-event-bus' || type === 'rule-on-custom-event-bus') {
      const arn = ruleArn(ctx);
      if (!arn) return undefined;
      const onCustom = arn.slice(arn.indexOf(':rule/') + ':rule/'.length).includes('/');
      return onCustom === (type === 'rule-on-custom-event-bus') ? arn : undefined;
    }
    return undefined;
  },
};
