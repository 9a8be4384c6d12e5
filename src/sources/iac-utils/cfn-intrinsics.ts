/**
 * Evaluates CloudFormation intrinsic functions as far as a template alone allows. What cannot be
 * known without a deployed stack (a parameter without a value, an import, an attribute AWS assigns)
 * is logged as Unresolved and replaced by its own `${...}` text: the policy engine reads that as a
 * policy variable that never has a value, so a placeholder never matches a real ARN.
 */
import type { Location } from '../../model/location.js';
import type { JsonNode, JsonObject } from '../json-located.parse.js';
import {
  type ArnEnv,
  NAMED_RESOURCES,
  type NamedResourceSpec,
  type Template,
  type TemplateResource,
} from './cfn-template.js';
import { placeholder, type UnresolvedLog } from './inventory-result.js';
import { asObject, field, scalarText, stringNode } from './json-node.js';

export interface CloudFormationOptions {
  /** Fills `AWS::AccountId`; without it ARNs keep the text `${AWS::AccountId}`. */
  accountId?: string;
  /** Fills `AWS::Region`; without it, `${AWS::Region}`. */
  region?: string;
  /** Fills `AWS::Partition`; without it, `${AWS::Partition}`. */
  partition?: string;
  /** Stack parameter values, overriding Defaults; may also set pseudo parameters such as `AWS::StackName`. */
  parameters?: Record<string, string>;
}

type Evaluated = JsonNode | undefined;

const PSEUDO_OPTION: Readonly<Record<string, keyof CloudFormationOptions>> = {
  'AWS::AccountId': 'accountId',
  'AWS::Region': 'region',
  'AWS::Partition': 'partition',
};

function isIntrinsic(obj: JsonObject): boolean {
  if (obj.entries.length !== 1) return false;
  const key = obj.entries[0]!.key;
  return key === 'Ref' || key.startsWith('Fn::');
}

export class CfnResolver {
  private readonly names = new Map<string, string>();
  private readonly conditions = new Map<string, boolean | undefined>();
  private readonly busy = new Set<string>();

  constructor(
    private readonly template: Template,
    private readonly options: CloudFormationOptions,
    private readonly log: UnresolvedLog,
  ) {}

  /** The value with every intrinsic evaluated; undefined where it is `Ref AWS::NoValue`. */
  resolve(node: JsonNode | undefined): Evaluated {
    if (!node) return undefined;
    if (node.kind === 'array') {
      const items: JsonNode[] = [];
      for (const item of node.items) {
        const v = this.resolve(item);
        if (v) items.push(v);
      }
      return { kind: 'array', loc: node.loc, items };
    }
    if (node.kind !== 'object') return node;
    if (isIntrinsic(node)) {
      const e = node.entries[0]!;
      return this.intrinsic(e.key, e.value, node.loc);
    }
    const entries = [];
    for (const e of node.entries) {
      const value = this.resolve(e.value);
      if (value) entries.push({ ...e, value });
    }
    return { kind: 'object', loc: node.loc, entries };
  }

  /** The value as one string; lists and maps give undefined (and are logged). */
  text(node: JsonNode | undefined): string | undefined {
    const v = this.resolve(node);
    if (!v) return undefined;
    const s = scalarText(v);
    if (s === undefined && v.kind !== 'null') this.miss(`expected a string here, got ${v.kind}`, v.loc);
    return s;
  }

  /** Whether a named condition holds; undefined when it depends on values not known here. */
  condition(name: string, loc: Location): boolean | undefined {
    if (this.conditions.has(name)) return this.conditions.get(name);
    const node = this.template.conditions.get(name);
    if (!node) {
      this.miss(`condition "${name}" is not defined in the template`, loc, `condition:${name}`);
      return undefined;
    }
    const key = `condition:${name}`;
    if (this.busy.has(key)) {
      this.cycle(name, loc);
      return undefined;
    }
    this.busy.add(key);
    const value = this.conditionValue(node);
    this.busy.delete(key);
    if (value === undefined) {
      this.miss(`condition "${name}" depends on values not known here`, node.loc, `condition:${name}`);
    }
    this.conditions.set(name, value);
    return value;
  }

  /** The resource's physical name, or `${LogicalId}` when CloudFormation generates it. */
  physicalName(res: TemplateResource): string {
    const known = this.names.get(res.id);
    if (known !== undefined) return known;
    const spec = NAMED_RESOURCES[res.type];
    const generated = `\${${res.id}}`;
    let name = generated;
    const written = spec ? field(res.properties, spec.nameProperty) : undefined;
    const key = `name:${res.id}`;
    if (this.busy.has(key)) return this.cycle(res.id, res.loc);
    if (written) {
      this.busy.add(key);
      name = this.text(written) ?? generated;
      this.busy.delete(key);
    } else {
      const prop = spec?.nameProperty ?? 'name';
      this.miss(
        `${res.id} has no ${prop}; CloudFormation generates the name, written here as "${generated}"`,
        res.loc,
        key,
      );
    }
    this.names.set(res.id, name);
    return name;
  }

  /** `Path` of an IAM role or policy, `/` by default. */
  path(res: TemplateResource): string {
    const written = field(res.properties, 'Path');
    return (written && this.text(written)) ?? '/';
  }

  /** The ARN of a role, managed policy or other named resource, built as CloudFormation would. */
  arn(res: TemplateResource, spec: NamedResourceSpec): string | undefined {
    if (!spec.arn) return undefined;
    return spec.arn(this.env(res.loc), this.physicalName(res), spec.hasPath ? this.path(res) : '/');
  }

  /** Partition, region and account, read lazily so only the ones an ARN uses are reported missing. */
  env(loc: Location): ArnEnv {
    const pseudo = (name: string) => this.pseudo(name, loc);
    return {
      get partition() {
        return pseudo('AWS::Partition');
      },
      get region() {
        return pseudo('AWS::Region');
      },
      get account() {
        return pseudo('AWS::AccountId');
      },
    };
  }

  private miss(what: string, loc: Location, onceKey?: string): void {
    this.log.add(what, loc, onceKey);
  }

  /** How many times a value could not be resolved so far; compare before and after to test completeness. */
  get misses(): number {
    return this.log.misses;
  }

  private cycle(name: string, loc: Location): string {
    this.miss(`"${name}" refers to itself`, loc);
    return `\${${name}}`;
  }

  private unresolved(text: string, what: string, loc: Location, onceKey?: string): JsonNode {
    this.miss(what, loc, onceKey);
    return stringNode(text, loc);
  }

  private pseudo(name: string, loc: Location): string {
    const option = PSEUDO_OPTION[name];
    const given = (option ? this.options[option] : undefined) ?? this.options.parameters?.[name];
    if (typeof given === 'string') return given;
    if (name === 'AWS::URLSuffix' && this.options.partition) {
      return this.options.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    }
    const hint = option ? ` (pass ${option})` : '';
    this.miss(`${name} is not known here${hint}; kept as "\${${name}}"`, loc, `pseudo:${name}`);
    return `\${${name}}`;
  }

  private intrinsic(fn: string, arg: JsonNode, loc: Location): Evaluated {
    switch (fn) {
      case 'Ref':
        return arg.kind === 'string'
          ? this.ref(arg.value, loc)
          : this.unresolved('${Ref}', 'Ref takes a logical id or parameter name', loc);
      case 'Fn::GetAtt':
        return this.getAtt(arg, loc);
      case 'Fn::Sub':
        return this.sub(arg, loc);
      case 'Fn::Join':
        return this.join(arg, loc);
      case 'Fn::Select':
        return this.select(arg, loc);
      case 'Fn::Split':
        return this.split(arg, loc);
      case 'Fn::If':
        return this.if(arg, loc);
      case 'Fn::FindInMap':
        return this.findInMap(arg, loc);
      case 'Fn::Base64': {
        const before = this.misses;
        const s = this.text(arg);
        if (s !== undefined && this.misses === before) {
          return stringNode(Buffer.from(s, 'utf8').toString('base64'), loc);
        }
        return this.unresolved('${Fn::Base64}', 'Fn::Base64 of a value not known here', loc);
      }
      case 'Fn::ImportValue': {
        const name = this.text(arg) ?? '';
        return this.unresolved(
          placeholder(`Fn::ImportValue:${name}`),
          `Fn::ImportValue ${JSON.stringify(name)}: a value exported by another stack`,
          loc,
        );
      }
      default:
        return this.unresolved(`\${${fn}}`, `${fn} is not evaluated here`, loc);
    }
  }

  private ref(name: string, loc: Location): Evaluated {
    if (name === 'AWS::NoValue') return undefined;
    if (name.startsWith('AWS::')) return stringNode(this.pseudo(name, loc), loc);
    const param = this.template.parameters.get(name);
    if (param) return this.parameter(name, param.type, param.default, loc);
    const res = this.template.resources.get(name);
    if (!res) {
      return this.unresolved(
        `\${${name}}`,
        `Ref ${name}: no parameter or resource "${name}" in the template`,
        loc,
      );
    }
    const spec = NAMED_RESOURCES[res.type];
    if (spec?.ref === 'name') return stringNode(this.physicalName(res), loc);
    if (spec?.ref === 'arn') return stringNode(this.arn(res, spec) ?? `\${${name}}`, loc);
    return this.unresolved(
      `\${${name}}`,
      `Ref ${name}: what a ${res.type} returns is known only once the stack is deployed`,
      loc,
    );
  }

  private parameter(name: string, type: string, fallback: JsonNode | undefined, loc: Location): JsonNode {
    const given = this.options.parameters?.[name];
    const value = given ?? scalarText(fallback);
    if (value === undefined) {
      return this.unresolved(
        `\${${name}}`,
        `Ref ${name}: parameter "${name}" has no value and no Default`,
        loc,
        `param:${name}`,
      );
    }
    if (type === 'CommaDelimitedList' || type.startsWith('List<')) {
      return { kind: 'array', loc, items: value.split(',').map((v) => stringNode(v.trim(), loc)) };
    }
    return stringNode(value, loc);
  }

  private getAtt(arg: JsonNode, loc: Location): Evaluated {
    let id: string | undefined;
    let attr: string | undefined;
    if (arg.kind === 'array') {
      id = scalarText(arg.items[0]);
      attr = this.text(arg.items[1]);
    } else if (arg.kind === 'string') {
      const dot = arg.value.indexOf('.');
      id = dot < 0 ? arg.value : arg.value.slice(0, dot);
      attr = dot < 0 ? undefined : arg.value.slice(dot + 1);
    }
    if (id === undefined || attr === undefined) {
      return this.unresolved('${Fn::GetAtt}', 'Fn::GetAtt takes [LogicalId, Attribute]', loc);
    }
    return stringNode(this.attribute(id, attr, loc), loc);
  }

  private attribute(id: string, attr: string, loc: Location): string {
    const stand = `\${${id}.${attr}}`;
    const res = this.template.resources.get(id);
    if (!res) {
      this.miss(`Fn::GetAtt ${id}.${attr}: no resource "${id}" in the template`, loc);
      return stand;
    }
    const spec = NAMED_RESOURCES[res.type];
    if (spec?.arnAttributes.includes(attr) && spec.arn) return this.arn(res, spec) ?? stand;
    if (spec?.nameAttributes?.includes(attr)) return this.physicalName(res);
    this.miss(`Fn::GetAtt ${id}.${attr}: known only once the stack is deployed`, loc);
    return stand;
  }

  private sub(arg: JsonNode, loc: Location): Evaluated {
    let template: string | undefined;
    let vars: JsonObject | undefined;
    if (arg.kind === 'string') template = arg.value;
    else if (arg.kind === 'array' && arg.items[0]?.kind === 'string') {
      template = arg.items[0].value;
      if (arg.items[1]?.kind === 'object') vars = arg.items[1];
    }
    if (template === undefined) {
      return this.unresolved('${Fn::Sub}', 'Fn::Sub takes a string or [string, {variables}]', loc);
    }
    let out = '';
    let i = 0;
    while (i < template.length) {
      const at = template.indexOf('${', i);
      if (at < 0) {
        out += template.slice(i);
        break;
      }
      out += template.slice(i, at);
      if (template[at + 2] === '!') {
        // `${!Literal}` writes `${Literal}`, e.g. a policy variable such as `${!aws:username}`.
        out += '${';
        i = at + 3;
        continue;
      }
      const end = template.indexOf('}', at);
      if (end < 0) {
        out += template.slice(at);
        break;
      }
      out += this.subVariable(template.slice(at + 2, end), vars, loc);
      i = end + 1;
    }
    return stringNode(out, loc);
  }

  private subVariable(name: string, vars: JsonObject | undefined, loc: Location): string {
    const bound = field(vars, name);
    if (bound) return this.text(bound) ?? `\${${name}}`;
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::'))
      return this.attribute(name.slice(0, dot), name.slice(dot + 1), loc);
    const v = this.ref(name, loc);
    const s = v && scalarText(v);
    if (s === undefined) this.miss(`Fn::Sub \${${name}}: not a single string`, loc);
    return s ?? `\${${name}}`;
  }

  private join(arg: JsonNode, loc: Location): Evaluated {
    const delimiter = arg.kind === 'array' ? scalarText(arg.items[0]) : undefined;
    const list = arg.kind === 'array' ? this.resolve(arg.items[1]) : undefined;
    if (delimiter === undefined || list?.kind !== 'array') {
      return this.unresolved('${Fn::Join}', 'Fn::Join of a list not known here', loc);
    }
    const parts = list.items.map((item) => {
      const s = scalarText(item);
      if (s === undefined) this.miss(`Fn::Join: expected a string item, got ${item.kind}`, item.loc);
      return s ?? '${Fn::Join}';
    });
    return stringNode(parts.join(delimiter), loc);
  }

  private select(arg: JsonNode, loc: Location): Evaluated {
    const index = arg.kind === 'array' ? Number(this.text(arg.items[0])) : Number.NaN;
    const list = arg.kind === 'array' ? this.resolve(arg.items[1]) : undefined;
    const item = list?.kind === 'array' && Number.isInteger(index) ? list.items[index] : undefined;
    return item ?? this.unresolved('${Fn::Select}', 'Fn::Select from a list not known here', loc);
  }

  private split(arg: JsonNode, loc: Location): Evaluated {
    const delimiter = arg.kind === 'array' ? scalarText(arg.items[0]) : undefined;
    const before = this.misses;
    const source = arg.kind === 'array' ? this.text(arg.items[1]) : undefined;
    if (delimiter === undefined || delimiter === '' || source === undefined || this.misses > before) {
      return this.unresolved('${Fn::Split}', 'Fn::Split of a value not known here', loc);
    }
    return { kind: 'array', loc, items: source.split(delimiter).map((s) => stringNode(s, loc)) };
  }

  private if(arg: JsonNode, loc: Location): Evaluated {
    const name = arg.kind === 'array' ? scalarText(arg.items[0]) : undefined;
    if (arg.kind !== 'array' || name === undefined || arg.items.length !== 3) {
      return this.unresolved('${Fn::If}', 'Fn::If takes [condition, value if true, value if false]', loc);
    }
    const holds = this.condition(name, loc);
    if (holds === undefined) {
      return this.unresolved(
        placeholder(`Fn::If:${name}`),
        `Fn::If ${name}: the condition depends on values not known here`,
        loc,
      );
    }
    return this.resolve(holds ? arg.items[1] : arg.items[2]);
  }

  private findInMap(arg: JsonNode, loc: Location): Evaluated {
    const keys = arg.kind === 'array' ? arg.items.slice(0, 3).map((k) => this.text(k)) : [];
    const [map, top, second] = keys;
    const found =
      map !== undefined && top !== undefined && second !== undefined
        ? field(asObject(field(asObject(field(this.template.mappings, map)), top)), second)
        : undefined;
    if (found) return this.resolve(found);
    const path = keys.map((k) => k ?? '?').join('.');
    return this.unresolved(
      placeholder(`Fn::FindInMap:${path}`),
      `Fn::FindInMap ${path}: not found or keys not known here`,
      loc,
    );
  }

  private conditionValue(node: JsonNode): boolean | undefined {
    if (node.kind === 'boolean') return node.value;
    if (node.kind !== 'object' || node.entries.length !== 1) return undefined;
    const { key, value } = node.entries[0]!;
    const args = value.kind === 'array' ? value.items : [];
    switch (key) {
      case 'Condition':
        return value.kind === 'string' ? this.condition(value.value, value.loc) : undefined;
      case 'Fn::Equals': {
        if (args.length !== 2) return undefined;
        const before = this.misses;
        const [a, b] = args.map((x) => this.text(x));
        return this.misses > before || a === undefined || b === undefined ? undefined : a === b;
      }
      case 'Fn::Not': {
        const inner = args[0] ? this.conditionValue(args[0]) : undefined;
        return inner === undefined ? undefined : !inner;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const values = args.map((x) => this.conditionValue(x));
        // One false decides an And, one true an Or.
        const decisive = key === 'Fn::Or';
        if (values.includes(decisive)) return decisive;
        return values.includes(undefined) ? undefined : !decisive;
      }
      default:
        return undefined;
    }
  }
}
