/**
 * Amazon Data Firehose (FireLens destinations, aws-facts §4.2). A delivery stream is
 * `deliveryStreamName` in the caller's account and Region: `arn:aws:firehose:R:A:deliverystream/NAME`.
 */
import { param, regionalArn, resourceArn } from './context.js';
import { one } from './permissions.js';
import type { EventContext, EventHandler, EventTable, ServiceMapping } from './types.js';

export function deliveryStreamArn(ctx: EventContext): string | undefined {
  const arn = param(ctx, 'deliveryStreamARN') ?? param(ctx, 'deliveryStreamArn');
  if (arn) return arn;
  const name = param(ctx, 'deliveryStreamName');
  if (name) return regionalArn(ctx, 'firehose', `deliverystream/${name}`);
  return resourceArn(ctx, (a) => a.includes(':firehose:') && a.includes(':deliverystream/'));
}

function onDeliveryStream(action: string): EventHandler {
  return (ctx) => one(action, deliveryStreamArn(ctx) ?? regionalArn(ctx, 'firehose', 'deliverystream/*'));
}

export const firehoseEvents: EventTable = {
  PutRecord: onDeliveryStream('firehose:PutRecord'),
  PutRecordBatch: onDeliveryStream('firehose:PutRecordBatch'),
};

export const firehose: ServiceMapping = {
  eventSources: ['firehose.amazonaws.com'],
  events: firehoseEvents,
  reads: ['deliverystreamarn', 'deliverystreamname'],
  resource: (ctx, type) => (type === 'deliverystream' ? deliveryStreamArn(ctx) : undefined),
};
