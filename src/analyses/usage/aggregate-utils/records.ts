/** Reading the fields of a CloudTrail record the aggregate counts by: denial, category, time, session. */
import type { CloudTrailRecord } from '../../../model/cloudtrail.js';

/**
 * Error codes of denied requests: `AccessDenied*`, `*UnauthorizedOperation`, `AuthorizationError`
 * (aws-facts §1.4 c, CIS filter). Data, so that the Athena query tests the same codes.
 */
export const DENIED_ERROR_CODES = {
  prefixes: ['AccessDenied'],
  suffixes: ['UnauthorizedOperation'],
  exact: ['AuthorizationError'],
} as const;

export function isDeniedErrorCode(code: unknown): boolean {
  if (typeof code !== 'string') return false;
  const { prefixes, suffixes, exact } = DENIED_ERROR_CODES;
  return (
    prefixes.some((p) => code.startsWith(p)) ||
    suffixes.some((s) => code.endsWith(s)) ||
    exact.some((e) => code === e)
  );
}

export function isDataEvent(record: CloudTrailRecord): boolean {
  return record.eventCategory === 'Data' || record.managementEvent === false;
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the form CloudTrail writes, so that times compare as strings. */
export function trailTime(value: Date | string): string | undefined {
  if (typeof value === 'string' && value.length === 20 && value[10] === 'T' && value[19] === 'Z')
    return value;
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  return Number.isNaN(ms) ? undefined : `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** The session name of a session ARN (`…:assumed-role/ROLE/SESSION`) or principal ID (`AROA…:SESSION`). */
export function sessionName(session: string): string {
  if (session.includes(':assumed-role/')) return session.slice(session.lastIndexOf('/') + 1);
  const colon = session.indexOf(':');
  return colon >= 0 ? session.slice(colon + 1) : session;
}
