/**
 * Building mappings: results, the same-named action on the resources a record reveals, and the
 * narrowest pattern when it reveals none.
 */
import type { ActionInfo, ResourceTypeInfo } from '../../../catalog/types.js';
import type { EventMapping, RequiredPermission } from '../../../model/cloudtrail.js';
import { arnMatchesFormat } from '../../evaluate/match/resource-type-match.js';
import { hasTags } from './context.js';
import { iamPrefix } from './event-sources.js';
import type { EventContext, EventHandler, ResourceResolver } from './types.js';

export const NONE: EventMapping = Object.freeze({ kind: 'none' });

export function unmapped(reason: string): EventMapping {
  return { kind: 'unmapped', reason };
}

/** A mapped result; duplicate action+resource pairs (two transact items on one table) collapse. */
export function mapped(permissions: RequiredPermission[]): EventMapping {
  if (permissions.length < 2) return { kind: 'mapped', permissions };
  const seen = new Set<string>();
  const unique: RequiredPermission[] = [];
  for (const p of permissions) {
    const key = `${p.action}\u0000${p.resource}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(p);
  }
  return { kind: 'mapped', permissions: unique };
}

/** One action on one resource. */
export function one(action: string, resource: string): EventMapping {
  return { kind: 'mapped', permissions: [{ action, resource }] };
}

interface Template {
  readonly parts: readonly string[];
  /** For each gap between parts, the placeholder name. */
  readonly names: readonly string[];
}

const templates = new Map<string, Template>();

function templateOf(format: string): Template {
  let t = templates.get(format);
  if (!t) {
    const parts: string[] = [];
    const names: string[] = [];
    let at = 0;
    for (;;) {
      const open = format.indexOf('${', at);
      const close = open < 0 ? -1 : format.indexOf('}', open);
      if (close < 0) break;
      parts.push(format.slice(at, open));
      names.push(format.slice(open + 2, close));
      at = close + 1;
    }
    parts.push(format.slice(at));
    t = { parts, names };
    templates.set(format, t);
  }
  return t;
}

/**
 * A resource-type ARN format with its placeholders filled: partition, and the Region and account
 * where the record tells them, `*` for everything else. The result is a pattern (it names every
 * resource of the type in that account and Region), not an ARN: used only when the record names
 * no resource of the type.
 */
export function patternFor(ctx: EventContext, format: string): string {
  const { parts, names } = templateOf(format);
  let out = parts[0]!;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const value =
      name === 'Partition'
        ? ctx.partition
        : name === 'Region'
          ? (ctx.region ?? '*')
          : name === 'Account'
            ? (ctx.account ?? '*')
            : '*';
    out += value + parts[i + 1]!;
  }
  return out;
}

/** The ARNs the record names that are of one of these resource types: `resources[]`, then top-level ARN parameters. */
export function revealedArns(ctx: EventContext, types: readonly ResourceTypeInfo[]): string[] {
  const found: string[] = [];
  const consider = (arn: string) => {
    if (found.includes(arn)) return;
    for (const t of types) {
      for (const format of t.arnFormats) {
        if (arnMatchesFormat(arn, format)) {
          found.push(arn);
          return;
        }
      }
    }
  };
  for (const r of ctx.record.resources ?? []) if (r.ARN) consider(r.ARN);
  if (found.length > 0) return found;
  for (const value of Object.values(ctx.params)) {
    if (typeof value === 'string') {
      if (value.startsWith('arn:')) consider(value);
    } else if (Array.isArray(value)) {
      for (const v of value) if (typeof v === 'string' && v.startsWith('arn:')) consider(v);
    }
  }
  return found;
}

/**
 * The type a pattern is built from: the first one the action always acts on (an asterisk in the
 * service reference). When every type is optional (cloudwatch:PutMetricData and its `dataset`), the
 * action can be used without naming one, and only `*` is sure to allow such a request.
 */
function patternType(action: ActionInfo, types: readonly ResourceTypeInfo[]): ResourceTypeInfo | undefined {
  for (const rt of action.resourceTypes) {
    if (!rt.required) continue;
    const lower = rt.name.toLowerCase();
    const info = types.find((t) => t.name.toLowerCase() === lower);
    if (info) return info;
  }
  return undefined;
}

/**
 * The permissions for `action`: `*` when it has no resource type; else the resource the service's
 * resolver finds for one of its types (in the action's order); else the ARNs of its types the
 * record names; else the narrowest pattern (`patternFor`) of its first required type, or `*` when
 * it has none.
 */
export function permissionsOn(
  ctx: EventContext,
  action: ActionInfo,
  resolve?: ResourceResolver,
): RequiredPermission[] {
  if (action.wildcardOnly) return [{ action: action.key, resource: '*' }];
  const types = ctx.catalog.resourceTypesOf(action);
  if (types.length === 0) return [{ action: action.key, resource: '*' }];
  if (resolve) {
    for (const t of types) {
      const arn = resolve(ctx, t.name.toLowerCase());
      if (arn) return [{ action: action.key, resource: arn }];
    }
  }
  const found = revealedArns(ctx, types);
  if (found.length > 0) return found.map((resource) => ({ action: action.key, resource }));
  const type = patternType(action, types);
  return [{ action: action.key, resource: type ? patternFor(ctx, type.arnFormat) : '*' }];
}

/**
 * The rule for events no table lists: the action named like the event under the source's IAM
 * prefix, only if the catalogue knows it (never an invented action).
 */
export function sameNamedAction(ctx: EventContext, resolve?: ResourceResolver): EventMapping {
  const source = ctx.record.eventSource;
  const prefix = iamPrefix(source);
  if (!ctx.catalog.serviceExists(prefix)) {
    return unmapped(`event source ${source} has no IAM service prefix "${prefix}" in the catalogue`);
  }
  const action = ctx.catalog.actionByKey(`${prefix}:${ctx.eventName}`);
  if (!action)
    return unmapped(`no IAM action ${prefix}:${ctx.eventName} for ${source} ${ctx.record.eventName}`);
  return mapped(permissionsOn(ctx, action, resolve));
}

/**
 * A create handler whose request may tag the new resource: then `tagAction` is needed on it too
 * (SQS CreateQueue, SNS CreateTopic: "to tag ... on creation, you must have" both permissions).
 */
export function taggedOnCreate(create: EventHandler, tagAction: string): EventHandler {
  return (ctx) => {
    const created = create(ctx);
    if (!hasTags(ctx) || created.kind !== 'mapped' || created.permissions.length === 0) return created;
    return mapped([
      ...created.permissions,
      { action: tagAction, resource: created.permissions[0]!.resource },
    ]);
  };
}
