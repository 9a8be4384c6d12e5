/**
 * The parts of `terraform show -json` output the reader needs: resource instances with their values
 * (`planned_values` of a plan, `values` of a state, data sources read during planning from
 * `prior_state`), which attributes are unknown until apply (`resource_changes[].change.after_unknown`),
 * and what each attribute's expression refers to (`configuration`), for linking through unknown values.
 */
import type { InputError } from '../../model/errors.js';
import type { Location } from '../../model/location.js';
import type { JsonNode, JsonObject } from '../json-located.parse.js';
import { inputError } from './inventory-result.js';
import { asList, asObject, field, scalarText } from './json-node.js';

export interface TfInstance {
  /** As Terraform prints it, e.g. `module.app.aws_iam_role.task[0]`. */
  address: string;
  /** Without instance keys, as in `configuration`: `module.app.aws_iam_role.task`. */
  configAddress: string;
  mode: string;
  type: string;
  values: JsonObject;
  loc: Location;
}

/** A reference such as `aws_iam_role.task.arn`, qualified with the module it was written in. */
export interface TfReference {
  text: string;
  /** Configuration address of the resource or data source, or undefined for var., local., module outputs. */
  target?: string;
  /** The instance key written in the reference (`[0]`, `["a"]`), if any. */
  key?: string;
  attribute?: string;
}

export type AttributeState =
  | { state: 'known'; node: JsonNode }
  | { state: 'null'; node: JsonNode }
  | { state: 'unknown' };

const INSTANCE_KEY = /\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g;
const NOT_RESOURCES = ['var', 'local', 'module', 'each', 'count', 'path', 'terraform', 'self'];

export function stripInstanceKeys(address: string): string {
  return address.replace(INSTANCE_KEY, '');
}

export class TfPlan {
  readonly instances: TfInstance[] = [];
  private readonly seen = new Set<string>();
  private readonly byConfig = new Map<string, TfInstance[]>();
  private readonly expressions = new Map<string, JsonObject>();
  private readonly providerKeys = new Map<string, string>();
  private readonly unknown = new Map<string, JsonObject>();
  private readonly providers?: JsonObject;

  /** True for a plan; a state has no unknown values. */
  readonly isPlan: boolean;

  private constructor(root: JsonObject, values: JsonObject, errors: InputError[]) {
    this.isPlan = field(root, 'planned_values') !== undefined;
    this.walkModule(values, errors);
    // Data sources read during planning are in the refreshed prior state, not in planned_values.
    const prior = asObject(
      field(asObject(field(asObject(field(root, 'prior_state')), 'values')), 'root_module'),
    );
    if (prior && this.isPlan) this.walkModule(prior, errors, (r) => r.mode === 'data');
    for (const rc of asList(field(root, 'resource_changes'))) {
      const address = scalarText(field(asObject(rc), 'address'));
      const afterUnknown = asObject(field(asObject(field(asObject(rc), 'change')), 'after_unknown'));
      if (address !== undefined && afterUnknown) this.unknown.set(address, afterUnknown);
    }
    const configuration = asObject(field(root, 'configuration'));
    this.providers = asObject(field(configuration, 'provider_config'));
    const rootModule = asObject(field(configuration, 'root_module'));
    if (rootModule) this.walkConfiguration(rootModule, '');
  }

  /** Reads the plan or state; undefined (with an error) when the JSON is neither. */
  static read(root: JsonNode, errors: InputError[]): TfPlan | undefined {
    const obj = asObject(root);
    const values = asObject(field(obj, 'planned_values')) ?? asObject(field(obj, 'values'));
    if (!obj || !values) {
      const message = obj
        ? 'not a Terraform plan or state: expected "planned_values" or "values" (from "terraform show -json")'
        : 'expected the JSON object printed by "terraform show -json"';
      errors.push(inputError('NOT_A_PLAN', root.loc, message));
      return undefined;
    }
    return new TfPlan(obj, values, errors);
  }

  private walkModule(
    values: JsonObject,
    errors: InputError[],
    keep: (r: TfInstance) => boolean = () => true,
  ): void {
    const module = asObject(field(values, 'root_module')) ?? values;
    for (const item of asList(field(module, 'resources'))) {
      const r = asObject(item);
      const address = scalarText(field(r, 'address'));
      const type = scalarText(field(r, 'type'));
      const vals = asObject(field(r, 'values'));
      if (!r || address === undefined || type === undefined || !vals) {
        errors.push(
          inputError('INVALID_PLAN', item.loc, 'expected a resource with "address", "type" and "values"'),
        );
        continue;
      }
      if (this.seen.has(address)) continue;
      const instance: TfInstance = {
        address,
        configAddress: stripInstanceKeys(address),
        mode: scalarText(field(r, 'mode')) ?? 'managed',
        type,
        values: vals,
        loc: r.loc,
      };
      if (!keep(instance)) continue;
      this.seen.add(address);
      this.instances.push(instance);
      const list = this.byConfig.get(instance.configAddress) ?? [];
      list.push(instance);
      this.byConfig.set(instance.configAddress, list);
    }
    for (const child of asList(field(module, 'child_modules'))) {
      const c = asObject(child);
      if (c) this.walkModule(c, errors, keep);
    }
  }

  private walkConfiguration(module: JsonObject, prefix: string): void {
    for (const item of asList(field(module, 'resources'))) {
      const r = asObject(item);
      const address = scalarText(field(r, 'address'));
      if (address === undefined) continue;
      const expressions = asObject(field(r, 'expressions'));
      if (expressions) this.expressions.set(prefix + address, expressions);
      const providerKey = scalarText(field(r, 'provider_config_key'));
      if (providerKey !== undefined) this.providerKeys.set(prefix + address, providerKey);
    }
    for (const call of asObject(field(module, 'module_calls'))?.entries ?? []) {
      const inner = asObject(field(asObject(call.value), 'module'));
      if (inner) this.walkConfiguration(inner, `${prefix}module.${call.key}.`);
    }
  }

  instancesOf(configAddress: string): TfInstance[] {
    return this.byConfig.get(configAddress) ?? [];
  }

  /**
   * Whether an attribute is known, null, or only known after apply. Planned values leave unknown
   * attributes out and resource_changes flag them in `after_unknown`; without a change entry, an
   * absent attribute counts as unknown when the configuration sets it.
   */
  attribute(inst: TfInstance, name: string): AttributeState {
    const node = field(inst.values, name);
    if (node && node.kind !== 'null') return { state: 'known', node };
    if (node) return { state: 'null', node };
    const flags = this.unknown.get(inst.address);
    const flagged = field(flags, name);
    const unknown = flags
      ? flagged?.kind === 'boolean' && flagged.value
      : this.isPlan && field(this.expressions.get(inst.configAddress), name) !== undefined;
    return unknown
      ? { state: 'unknown' }
      : { state: 'null', node: { kind: 'null', value: null, loc: inst.loc } };
  }

  /** What the attribute's expression refers to, module-qualified; [] without configuration. */
  references(inst: TfInstance, name: string): TfReference[] {
    const expression = asObject(field(this.expressions.get(inst.configAddress), name));
    const modulePrefix = modulePrefixOf(inst.configAddress);
    return asList(field(expression, 'references')).flatMap((r) => {
      const text = scalarText(r);
      return text === undefined ? [] : [parseReference(text, modulePrefix)];
    });
  }

  /** The region of the instance's provider configuration, when it is written as a constant. */
  region(inst: TfInstance): string | undefined {
    const key = this.providerKeys.get(inst.configAddress) ?? 'aws';
    const provider = asObject(field(this.providers, key)) ?? asObject(field(this.providers, 'aws'));
    const region = asObject(field(asObject(field(provider, 'expressions')), 'region'));
    return scalarText(field(region, 'constant_value'));
  }
}

function modulePrefixOf(configAddress: string): string {
  const parts = configAddress.split('.');
  let end = 0;
  while (parts[end] === 'module' && end + 2 < parts.length) end += 2;
  return end === 0 ? '' : `${parts.slice(0, end).join('.')}.`;
}

export function parseReference(text: string, modulePrefix: string): TfReference {
  const ref: TfReference = { text };
  const head = text.split('.')[0] ?? '';
  if (NOT_RESOURCES.includes(head)) return ref;
  const data = head === 'data';
  const parts = (data ? text.slice(5) : text).split('.');
  const type = parts[0];
  const nameWithKey = parts[1];
  if (!type || !nameWithKey) return ref;
  const keyAt = nameWithKey.indexOf('[');
  const name = keyAt < 0 ? nameWithKey : nameWithKey.slice(0, keyAt);
  if (keyAt >= 0) ref.key = nameWithKey.slice(keyAt);
  ref.target = `${modulePrefix}${data ? 'data.' : ''}${type}.${name}`;
  const attribute = parts[2]?.replace(INSTANCE_KEY, '');
  if (attribute) ref.attribute = attribute;
  return ref;
}
