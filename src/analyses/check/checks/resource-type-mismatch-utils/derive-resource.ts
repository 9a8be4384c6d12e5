import type { ResourceTypeInfo } from '../../../../catalog/index.js';
import { tokenizeArnPattern } from '../../../evaluate/match/arn-pattern.js';
import { patternMayMatchFormat } from '../../../evaluate/match/resource-type-match.js';

const wildcard = { variables: 'wildcard' } as const;

function fits(candidate: string, type: ResourceTypeInfo): boolean {
  const tokens = tokenizeArnPattern(candidate, wildcard);
  return type.arnFormats.some((f) => patternMayMatchFormat(candidate, tokens, f));
}

/**
 * The resource of `type` that a given resource most likely meant: its parent (the bucket of
 * `arn:aws:s3:::b/*`) or its children (`arn:aws:s3:::b` → `arn:aws:s3:::b/*`). Undefined when the
 * two are unrelated, so we never invent a resource the user did not name.
 */
export function deriveResource(resource: string, type: ResourceTypeInfo): string | undefined {
  if (resource === '*' || !resource.startsWith('arn:')) return undefined;
  // Parent: the longest prefix ending before a separator that names a resource of the type.
  for (let k = resource.length - 1; k > 0; k--) {
    const ch = resource[k];
    if (ch !== '/' && ch !== ':') continue;
    const prefix = resource.slice(0, k);
    if (prefix.split(':').length < 6) break;
    if (!/[*?]$/.test(prefix) && fits(prefix, type)) return prefix;
  }
  for (const suffix of ['/*', ':*']) {
    const child = resource + suffix;
    if (fits(child, type)) return child;
  }
  return undefined;
}

/** `arn:${Partition}:s3:::${BucketName}` → `arn:aws:s3:::${BucketName}`, as users read it. */
export function displayFormat(type: ResourceTypeInfo): string {
  return type.arnFormats.map((f) => f.replace('${Partition}', 'aws')).join(' or ');
}
