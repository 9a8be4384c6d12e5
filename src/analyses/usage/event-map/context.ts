/** Reading a CloudTrail record: the context built once per record, field access, ARNs it names. */
import type { Catalog } from '../../../catalog/types.js';
import type { CloudTrailRecord } from '../../../model/cloudtrail.js';
import type { EventContext, Params } from './types.js';

const NO_PARAMS: Params = Object.freeze({});

export function createContext(record: CloudTrailRecord, catalog: Catalog, eventName: string): EventContext {
  const region = record.awsRegion || undefined;
  const params = record.requestParameters;
  return {
    record,
    catalog,
    eventName,
    params: params && typeof params === 'object' ? params : NO_PARAMS,
    partition: partitionOf(region),
    region,
    account: record.userIdentity?.accountId || record.recipientAccountId || undefined,
  };
}

/** The partition a Region belongs to (ARNs never cross partitions). */
export function partitionOf(region: string | undefined): string {
  if (!region) return 'aws';
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  return 'aws';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A field of a logged object, by its exact key. */
export function field(obj: unknown, key: string): unknown {
  return isRecord(obj) ? obj[key] : undefined;
}

/**
 * A field whose key case varies between records (DynamoDB logs both `tableName` and `TableName`
 * in one TransactWriteItems entry; Secrets Manager logged `aRN` before Feb 2024): exact key first.
 */
export function fieldCI(obj: unknown, key: string): unknown {
  if (!isRecord(obj)) return undefined;
  const exact = obj[key];
  if (exact !== undefined) return exact;
  const lower = key.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

/** A non-empty string, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Whether the request sets tags (`tags`, any case): a non-empty list or object. */
export function hasTags(ctx: EventContext): boolean {
  const tags = fieldCI(ctx.params, 'tags');
  if (Array.isArray(tags)) return tags.length > 0;
  return tags !== null && typeof tags === 'object' && Object.keys(tags).length > 0;
}

/** A string request parameter. */
export function param(ctx: EventContext, key: string): string | undefined {
  return str(ctx.params[key]);
}

/** The first `resources[].ARN` the test accepts. */
export function resourceArn(ctx: EventContext, test: (arn: string) => boolean): string | undefined {
  const resources = ctx.record.resources;
  if (!resources) return undefined;
  for (const r of resources) if (r.ARN && test(r.ARN)) return r.ARN;
  return undefined;
}

/** The first `resources[].ARN` of a CloudTrail resource type (`AWS::S3::Object`, ...). */
export function resourceArnOfType(ctx: EventContext, type: string): string | undefined {
  const resources = ctx.record.resources;
  if (!resources) return undefined;
  for (const r of resources) if (r.ARN && r.type === type) return r.ARN;
  return undefined;
}

/** Every `resources[].ARN` the test accepts, in record order. */
export function resourceArns(ctx: EventContext, test: (arn: string) => boolean): string[] {
  const out: string[] = [];
  for (const r of ctx.record.resources ?? []) if (r.ARN && test(r.ARN)) out.push(r.ARN);
  return out;
}

export function isArn(text: string): boolean {
  return text.startsWith('arn:');
}

/** `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`; an unknown Region or account becomes `*` (a pattern). */
export function regionalArn(
  ctx: EventContext,
  service: string,
  resource: string,
  region: string | undefined = ctx.region,
  account: string | undefined = ctx.account,
): string {
  return `arn:${ctx.partition}:${service}:${region ?? '*'}:${account ?? '*'}:${resource}`;
}

/** The Region and account fields of an ARN (`arn:p:svc:REGION:ACCOUNT:...`). */
export function arnRegionAccount(arn: string): { region: string; account: string } | undefined {
  const parts = arn.split(':', 5);
  if (parts.length < 5) return undefined;
  return { region: parts[3]!, account: parts[4]! };
}

/** Everything after the fifth colon of an ARN. */
export function arnResource(arn: string): string {
  let at = -1;
  for (let i = 0; i < 5; i++) {
    at = arn.indexOf(':', at + 1);
    if (at < 0) return '';
  }
  return arn.slice(at + 1);
}
