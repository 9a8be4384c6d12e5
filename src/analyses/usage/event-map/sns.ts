/** Amazon SNS (aws-facts §2.2). Topics are named by ARN (`topicArn`), except CreateTopic (`name`). */
import { isArn, param, regionalArn, resourceArn } from './context.js';
import { one, taggedOnCreate } from './permissions.js';
import type { EventContext, EventHandler, EventTable, ServiceMapping } from './types.js';

/** The topic the request names. */
export function topicArn(ctx: EventContext): string | undefined {
  const arn = param(ctx, 'topicArn');
  if (arn) return arn;
  const fromRecord = resourceArn(ctx, (a) => a.includes(':sns:'));
  if (fromRecord) return fromRecord;
  const name = ctx.record.eventName === 'CreateTopic' ? param(ctx, 'name') : undefined;
  return name ? regionalArn(ctx, 'sns', name) : undefined;
}

function onTopic(action: string): EventHandler {
  return (ctx) => one(action, topicArn(ctx) ?? regionalArn(ctx, 'sns', '*'));
}

/**
 * Publish names a topic (`topicArn`), a platform endpoint (`targetArn`: the ARN itself) or a phone
 * number (SMS: no resource to name, so `*`).
 */
function publish(ctx: EventContext): ReturnType<EventHandler> {
  const topic = param(ctx, 'topicArn');
  if (topic) return one('sns:Publish', topic);
  const target = param(ctx, 'targetArn');
  if (target && isArn(target)) return one('sns:Publish', target);
  if (param(ctx, 'phoneNumber')) return one('sns:Publish', '*');
  return onTopic('sns:Publish')(ctx);
}

export const snsEvents: EventTable = {
  Publish: publish,
  // PublishBatch is authorized as sns:Publish (iam-dataset; there is no sns:PublishBatch action).
  PublishBatch: onTopic('sns:Publish'),
  // SNS API ref CreateTopic: "To be able to tag a topic on creation, you must have the sns:CreateTopic
  // and sns:TagResource permissions."
  CreateTopic: taggedOnCreate(onTopic('sns:CreateTopic'), 'sns:TagResource'),
};

export const sns: ServiceMapping = {
  eventSources: ['sns.amazonaws.com'],
  events: snsEvents,
  reads: ['topicarn', 'targetarn', 'phonenumber', 'name', 'tags'],
  resource: (ctx, type) => (type === 'topic' ? topicArn(ctx) : undefined),
};
