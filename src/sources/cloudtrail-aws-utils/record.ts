import type { CloudTrailRecord } from '../../model/cloudtrail.js';
import type { AwsCallError } from '../../model/errors.js';

/** Whether a value yielded by a CloudTrail reader is a failure rather than data. */
export function isAwsCallError(value: unknown): value is AwsCallError {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Uint8Array) &&
    typeof (value as { awsCode?: unknown }).awsCode === 'string' &&
    typeof (value as { operation?: unknown }).operation === 'string'
  );
}

/**
 * One record from its JSON text (`CloudTrailEvent` of LookupEvents), or why it is not one. The reason
 * never quotes the text: records can carry session credentials (AssumeRole `responseElements`).
 */
export function parseRecordText(text: string): { record: CloudTrailRecord } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: `not valid JSON (${text.length} characters)` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: `expected a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}` };
  }
  const missing = (['eventTime', 'eventSource', 'eventName'] as const).filter(
    (k) => typeof (value as Record<string, unknown>)[k] !== 'string',
  );
  if (missing.length > 0) return { problem: `missing or not a string: ${missing.join(', ')}` };
  return { record: value as CloudTrailRecord };
}
