/**
 * eventName normalisation. Lambda and CloudFront management events carry the API version the
 * caller used: `ListVersionsByFunction20150331`, `GetFunctionConfiguration20150331v2`,
 * `UpdateDistribution2016_11_25` (aws-facts §2.1, trailscraper's tests). Only a trailing date of
 * eight digits (or `YYYY_MM_DD`), optionally followed by `v<n>`, is an API version: a generic
 * "strip trailing digits" rule would turn `ListObjectsV2` into `ListObjectsV`.
 */
const VERSION_SUFFIX = /^([A-Za-z]+?)\d{4}(?:_\d{2}_\d{2}|\d{4})(?:v\d+)?$/;

/** The event name without an API-version suffix. */
export function normalizeEventName(eventName: string): string {
  // Fast path: a name that does not end in a digit has no version suffix.
  const last = eventName.charCodeAt(eventName.length - 1);
  if (!(last >= 48 && last <= 57)) return eventName;
  const match = VERSION_SUFFIX.exec(eventName);
  return match ? match[1]! : eventName;
}
