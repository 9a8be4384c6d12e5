/**
 * Amazon SQS (aws-facts §1.4 SendMessage, §2.2). Requests name a queue by URL; its ARN is
 * `arn:aws:sqs:REGION:ACCOUNT:NAME`, the Region read from the host:
 * `https://sqs.REGION.amazonaws.com/ACCOUNT/NAME`, legacy `https://REGION.queue.amazonaws.com/...`
 * and `https://queue.amazonaws.com/...` (us-east-1), VPC endpoint hosts `...sqs.REGION.vpce...`.
 */
import { param, partitionOf, resourceArn, str } from './context.js';
import { one, taggedOnCreate } from './permissions.js';
import type { EventContext, EventHandler, EventTable, ServiceMapping } from './types.js';

/** The queue ARN of a queue URL, or undefined when the text is not one. */
export function queueArnFromUrl(url: string, fallbackRegion: string | undefined): string | undefined {
  const scheme = url.indexOf('://');
  const rest = scheme < 0 ? url : url.slice(scheme + 3);
  const slash = rest.indexOf('/');
  if (slash < 0) return undefined;
  const host = rest.slice(0, slash).toLowerCase();
  const path = rest.slice(slash + 1).split('/');
  const [account, name] = path.filter((p) => p.length > 0);
  if (!account || !name) return undefined;
  const labels = host.split('.');
  let region: string | undefined;
  if (labels[0] === 'sqs') region = labels[1];
  else if (labels[1] === 'queue') region = labels[0];
  else if (labels[0] === 'queue') region = 'us-east-1';
  else {
    const at = labels.indexOf('sqs');
    region = at >= 0 ? labels[at + 1] : undefined;
  }
  region ??= fallbackRegion;
  return `arn:${partitionOf(region)}:sqs:${region ?? '*'}:${account}:${name}`;
}

/** The queue the request names: `queueUrl`, else `queueName` (+ `queueOwnerAWSAccountId`), else `resources[]`. */
export function queueArn(ctx: EventContext): string | undefined {
  const url = param(ctx, 'queueUrl');
  const fromUrl = url ? queueArnFromUrl(url, ctx.region) : undefined;
  if (fromUrl) return fromUrl;
  const fromRecord = resourceArn(ctx, (a) => a.includes(':sqs:'));
  if (fromRecord) return fromRecord;
  const name = param(ctx, 'queueName');
  if (!name) return undefined;
  const owner = str(ctx.params.queueOwnerAWSAccountId) ?? ctx.account;
  return `arn:${ctx.partition}:sqs:${ctx.region ?? '*'}:${owner ?? '*'}:${name}`;
}

function onQueue(action: string): EventHandler {
  return (ctx) =>
    one(action, queueArn(ctx) ?? `arn:${ctx.partition}:sqs:${ctx.region ?? '*'}:${ctx.account ?? '*'}:*`);
}

export const sqsEvents: EventTable = {
  SendMessage: onQueue('sqs:SendMessage'),
  ReceiveMessage: onQueue('sqs:ReceiveMessage'),
  DeleteMessage: onQueue('sqs:DeleteMessage'),
  ChangeMessageVisibility: onQueue('sqs:ChangeMessageVisibility'),
  // SQS DG sqs-api-permissions-reference: "Specifying SendMessage, DeleteMessage, or ChangeMessageVisibility
  // ... also grants permissions for the corresponding batch versions"; there are no sqs:*Batch actions.
  SendMessageBatch: onQueue('sqs:SendMessage'),
  DeleteMessageBatch: onQueue('sqs:DeleteMessage'),
  ChangeMessageVisibilityBatch: onQueue('sqs:ChangeMessageVisibility'),
  // Named by queueName (+ queueOwnerAWSAccountId), no URL yet.
  GetQueueUrl: onQueue('sqs:GetQueueUrl'),
  // SQS API ref CreateQueue: "To be able to tag a queue on creation, you must have the sqs:CreateQueue
  // and sqs:TagQueue permissions."
  CreateQueue: taggedOnCreate(onQueue('sqs:CreateQueue'), 'sqs:TagQueue'),
};

export const sqs: ServiceMapping = {
  eventSources: ['sqs.amazonaws.com'],
  events: sqsEvents,
  reads: ['queueurl', 'queuename', 'queueownerawsaccountid', 'tags'],
  resource: (ctx, type) => (type === 'queue' ? queueArn(ctx) : undefined),
};
