import type { RawAction, RawConditionKey, RawResourceType } from './data-files.js';
import { unconditionalDependentActions } from './dependent-actions.js';
import type {
  AccessLevel,
  ActionInfo,
  ActionResourceType,
  ConditionKeyInfo,
  ConditionKeyType,
  ResourceTypeInfo,
} from './types.js';

const ACCESS_LEVELS: ReadonlySet<string> = new Set<AccessLevel>([
  'List',
  'Read',
  'Write',
  'Permissions management',
  'Tagging',
]);

/**
 * Splits the data's comma-joined levels ("Permissions management, Write"). Unknown parts are dropped
 * rather than thrown, so one odd row in a future data release cannot stop the whole tool; the
 * data-shape test catches them instead.
 */
export function parseAccessLevels(raw: string): AccessLevel[] {
  const levels: AccessLevel[] = [];
  for (const part of raw.split(',')) {
    const level = part.trim();
    if (ACCESS_LEVELS.has(level) && !levels.includes(level as AccessLevel)) levels.push(level as AccessLevel);
  }
  return levels;
}

const CONDITION_KEY_TYPES: ReadonlySet<string> = new Set<ConditionKeyType>([
  'String',
  'ARN',
  'Bool',
  'Numeric',
  'Date',
  'IPAddress',
  'Binary',
  'ArrayOfString',
  'ArrayOfARN',
  'ArrayOfBool',
  'ArrayOfNumeric',
  'ArrayOfDate',
  'ArrayOfIPAddress',
  'ArrayOfBinary',
]);

export function parseConditionKeyType(raw: string): ConditionKeyType {
  return CONDITION_KEY_TYPES.has(raw) ? (raw as ConditionKeyType) : 'Unknown';
}

function dedupe(keys: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const key of keys) if (!seen.has(key.toLowerCase())) seen.set(key.toLowerCase(), key);
  return [...seen.values()];
}

// Results are shared by every caller through the cache, so they are frozen: a caller that edits one
// fails loudly instead of changing what the rest of the process sees.
export function toActionInfo(service: string, raw: RawAction): ActionInfo {
  const key = `${service}:${raw.name}`;
  const resourceTypes = raw.resourceTypes.map(
    (rt): ActionResourceType =>
      Object.freeze({
        name: rt.name,
        required: rt.required,
        conditionKeys: Object.freeze([...rt.conditionKeys]) as string[],
        dependentActions: Object.freeze([...rt.dependentActions]) as string[],
      }),
  );
  // Resource-type rows are folded in so callers asking "what else does this need" read one list.
  const dependentActions = dedupe([
    ...raw.dependentActions,
    ...raw.resourceTypes.flatMap((rt) => rt.dependentActions),
    ...unconditionalDependentActions(key),
  ]);
  return Object.freeze({
    service,
    name: raw.name,
    key,
    description: raw.description,
    accessLevels: Object.freeze(parseAccessLevels(raw.accessLevel)) as AccessLevel[],
    resourceTypes: Object.freeze(resourceTypes) as ActionResourceType[],
    conditionKeys: Object.freeze([...raw.conditionKeys]) as string[],
    dependentActions: Object.freeze(dependentActions) as string[],
    wildcardOnly: raw.resourceTypes.length === 0,
  });
}

export function toResourceTypeInfo(service: string, raw: RawResourceType): ResourceTypeInfo {
  // The data lists alternative formats in one string: "arn:...:/apis/${ApiId}/stages, arn:...:/restapis/...".
  const formats = raw.arn.split(/,\s*(?=arn:)/).map((f) => f.trim());
  return Object.freeze({
    service,
    name: raw.key,
    arnFormat: formats[0] ?? raw.arn,
    arnFormats: Object.freeze(formats),
    conditionKeys: Object.freeze([...(raw.conditionKeys ?? [])]) as string[],
  });
}

export function toConditionKeyInfo(
  service: string,
  raw: Pick<RawConditionKey, 'key' | 'type'>,
): ConditionKeyInfo {
  const type = parseConditionKeyType(raw.type);
  return Object.freeze({
    key: raw.key,
    type,
    service: raw.key.toLowerCase().startsWith('aws:') ? 'aws' : service,
    multivalued: type.startsWith('ArrayOf'),
  });
}
