/** The six parts of an ARN: arn:partition:service:region:account:resource. */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the fifth colon, colons and slashes included. */
  resource: string;
}

const PARTITION = /^aws(-[a-z]+)*$/;

/** Splits on the first five colons only, as AWS does: resource parts may hold colons. */
export function splitArn(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = text.indexOf(':', start);
    if (colon < 0) break;
    parts.push(text.slice(start, colon));
    start = colon + 1;
  }
  parts.push(text.slice(start));
  return parts;
}

/** Parses a concrete ARN (no validation of the service-specific resource part). */
export function parseArn(text: string): Arn | undefined {
  const parts = splitArn(text);
  if (parts.length !== 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account, resource] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!partition || !service || !resource) return undefined;
  return { partition, service, region, account, resource };
}

/**
 * Why a Resource/NotResource value is not a usable ARN pattern, or null when it is one.
 * Accepts `*`, policy variables and wildcards; rejects what AWS rejects or can never match.
 */
export function arnPatternProblem(pattern: string): string | null {
  if (pattern === '*') return null;
  if (pattern.length === 0) return 'empty resource';
  if (!pattern.startsWith('arn:')) {
    if (/^[a-z0-9-]+:/.test(pattern) && !pattern.startsWith('arn')) {
      return `"${pattern}" is not an ARN: it must start with "arn:"`;
    }
    return `"${pattern}" is not an ARN (arn:partition:service:region:account:resource) or "*"`;
  }
  const parts = splitArn(withoutVariables(pattern));
  const last = parts[parts.length - 1] ?? '';
  if (parts.length < 6) {
    // A trailing * may stand for the remaining segments (arn:aws:s3:*).
    if (last.endsWith('*')) return null;
    return `"${pattern}" has ${parts.length} of the 6 colon-separated parts of an ARN (arn:partition:service:region:account:resource)`;
  }
  const [, partition, service, , , resource] = parts as [string, string, string, string, string, string];
  if (!partition) return `"${pattern}" has an empty partition (use aws, aws-cn or aws-us-gov)`;
  if (!/[*?]/.test(partition) && !PARTITION.test(partition)) {
    return `"${pattern}" has an unknown partition "${partition}" (use aws, aws-cn or aws-us-gov)`;
  }
  if (!service) return `"${pattern}" has an empty service`;
  if (!resource) return `"${pattern}" has an empty resource part`;
  return null;
}

/** Replaces `${...}` with `*` so variables do not break segment splitting. */
export function withoutVariables(pattern: string): string {
  return pattern.replace(/\$\{[^}]*\}/g, '*');
}

/** Region and account of an ARN without allocating its parts (hot: once per evaluated request). */
export function arnRegionAndAccount(text: string): { region: string; account: string } | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const p1 = text.indexOf(':', 4);
  const p2 = p1 < 0 ? -1 : text.indexOf(':', p1 + 1);
  const p3 = p2 < 0 ? -1 : text.indexOf(':', p2 + 1);
  const p4 = p3 < 0 ? -1 : text.indexOf(':', p3 + 1);
  if (p4 < 0) return undefined;
  return { region: text.slice(p2 + 1, p3), account: text.slice(p3 + 1, p4) };
}
