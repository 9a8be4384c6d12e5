/**
 * Amazon Kinesis Data Streams. A stream is `streamARN`, else `streamName` in the caller's account
 * and Region (`arn:aws:kinesis:R:A:stream/NAME`), else the stream in `resources[]` (GetRecords
 * carries only a shard iterator).
 */
import { param, regionalArn, resourceArn } from './context.js';
import { one } from './permissions.js';
import type { EventContext, EventHandler, EventTable, ServiceMapping } from './types.js';

export function streamArn(ctx: EventContext): string | undefined {
  const arn = param(ctx, 'streamARN') ?? param(ctx, 'streamArn');
  if (arn) return arn;
  const name = param(ctx, 'streamName');
  if (name) return regionalArn(ctx, 'kinesis', `stream/${name}`);
  return resourceArn(
    ctx,
    (a) => a.includes(':kinesis:') && a.includes(':stream/') && !a.includes('/consumer/'),
  );
}

function onStream(action: string): EventHandler {
  return (ctx) => one(action, streamArn(ctx) ?? regionalArn(ctx, 'kinesis', 'stream/*'));
}

export const kinesisEvents: EventTable = {
  PutRecord: onStream('kinesis:PutRecord'),
  PutRecords: onStream('kinesis:PutRecords'),
  GetRecords: onStream('kinesis:GetRecords'),
  GetShardIterator: onStream('kinesis:GetShardIterator'),
  DescribeStream: onStream('kinesis:DescribeStream'),
  DescribeStreamSummary: onStream('kinesis:DescribeStreamSummary'),
  ListShards: onStream('kinesis:ListShards'),
};

export const kinesis: ServiceMapping = {
  eventSources: ['kinesis.amazonaws.com'],
  events: kinesisEvents,
  reads: ['streamarn', 'streamname', 'consumerarn'],
  resource: (ctx, type) => {
    if (type === 'stream') return streamArn(ctx);
    if (type === 'consumer') return param(ctx, 'consumerARN') ?? param(ctx, 'consumerArn');
    return undefined;
  },
};
