/**
 * Action patterns: `service:Action` with `*` and `?`, case-insensitive (IAM UG, "Action").
 */
export interface CompiledActionPattern {
  readonly pattern: string;
  /** Lower-case service prefix when the service part has no wildcard, else null (any service may match). */
  readonly service: string | null;
  readonly hasWildcard: boolean;
  /** Tests a lower-case `service:action` key. */
  test(lowerKey: string): boolean;
}

function globToRegexSource(glob: string): string {
  let out = '';
  for (const ch of glob) {
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else out += ch.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  }
  return `^${out}$`;
}

export function compileActionPattern(pattern: string): CompiledActionPattern {
  const lower = pattern.toLowerCase();
  const hasWildcard = /[*?]/.test(lower);
  const colon = lower.indexOf(':');
  const servicePart = colon >= 0 ? lower.slice(0, colon) : null;
  const service = servicePart !== null && !/[*?]/.test(servicePart) ? servicePart : null;
  if (!hasWildcard) return { pattern, service, hasWildcard, test: (k) => k === lower };
  if (lower === '*') return { pattern, service: null, hasWildcard, test: () => true };
  const re = new RegExp(globToRegexSource(lower));
  return { pattern, service, hasWildcard, test: (k) => re.test(k) };
}

/** `*` alone or `*:*`: every action of every service. */
export function isFullWildcard(pattern: string): boolean {
  return /^\*(:\*)?$/.test(pattern.trim());
}

/** `s3:*` (whole service), as opposed to a partial wildcard like `s3:Get*`. */
export function serviceWildcardOf(pattern: string): string | null {
  const m = /^([a-z0-9-]+):\*+$/i.exec(pattern.trim());
  return m ? m[1]!.toLowerCase() : null;
}
