/**
 * CloudFormation templates (JSON or YAML with short-form tags) → Inventory: ECS task definitions and
 * services, IAM roles with their inline, attached and boundary policies. Intrinsics are evaluated as
 * far as the template allows (see iac-utils/cfn-intrinsics.ts); the rest is listed as Unresolved.
 *
 * ARNs of the template's own roles and policies are built as CloudFormation builds them,
 * `arn:${AWS::Partition}:iam::${AWS::AccountId}:role${Path}${RoleName}`, with the pseudo parameters
 * filled from the options or else kept as that literal text. A task definition's `!GetAtt Role.Arn`
 * or `!Ref Role` resolves to exactly the role's `arn`, so the audit can join them either way. A role
 * without RoleName gets the name `${LogicalId}` (CloudFormation generates the real one).
 */
import type { InputError } from '../model/errors.js';
import {
  type EcsService,
  emptyInventory,
  type Inventory,
  type NamedDocument,
  type Role,
  type TaskDefinition,
} from '../model/inventory.js';
import type { Location } from '../model/location.js';
import type { PolicyDocument } from '../model/policy.js';
import { CfnResolver, type CloudFormationOptions } from './iac-utils/cfn-intrinsics.js';
import {
  indexTemplate,
  NAMED_RESOURCES,
  type Template,
  type TemplateResource,
} from './iac-utils/cfn-template.js';
import { type InventoryParseResult, inputError, UnresolvedLog } from './iac-utils/inventory-result.js';
import { asList, asObject, field, scalarText } from './iac-utils/json-node.js';
import { readContainers, readEfsVolumes } from './iac-utils/task-definition-fields.js';
import { parseCloudFormationYaml } from './iac-utils/yaml-located.js';
import { type JsonNode, type JsonObject, parseJsonLocated } from './json-located.parse.js';
import { parsePolicyNode } from './policy.parse.js';

export type { CloudFormationOptions } from './iac-utils/cfn-intrinsics.js';
export type { InventoryParseResult } from './iac-utils/inventory-result.js';

const INVALID = 'INVALID_TEMPLATE';

/** Reads a template: JSON when it starts with `{` and parses as JSON, YAML otherwise. */
export function parseCloudFormationTemplate(
  text: string,
  file: string,
  options: CloudFormationOptions = {},
): InventoryParseResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let tree = body.trimStart().startsWith('{')
    ? parseJsonLocated(body, file)
    : parseCloudFormationYaml(body, file);
  if (!tree.ok && tree.errors[0]?.code === 'INVALID_JSON' && /^\s*\{\s*[^"\s}]/.test(body)) {
    // A YAML template in flow style (`{Resources: {...}}`, keys unquoted) starts with `{` too.
    const yaml = parseCloudFormationYaml(body, file);
    if (yaml.ok) tree = yaml;
  }
  if (!tree.ok) return { inventory: emptyInventory(), errors: tree.errors };
  return readCloudFormationTemplate(tree.value, options);
}

/** For a template already parsed into a located tree (e.g. found while reading a folder of JSON). */
export function readCloudFormationTemplate(
  root: JsonNode,
  options: CloudFormationOptions = {},
): InventoryParseResult {
  const errors: InputError[] = [];
  const inventory = emptyInventory();
  const template = indexTemplate(root, errors);
  if (!template) return { inventory, errors };
  const log = new UnresolvedLog();
  const transform = field(asObject(root), 'Transform');
  if (transform) {
    log.add('the template has a Transform: its macros may change resources; read as written', transform.loc);
  }
  const resolver = new CfnResolver(template, options, log);
  const reader = new TemplateReader(template, resolver, log, options, inventory, errors);
  reader.read();
  inventory.unresolved = log.list();
  return { inventory, errors };
}

class TemplateReader {
  private readonly rolesByName = new Map<string, Role>();

  constructor(
    private readonly template: Template,
    private readonly resolver: CfnResolver,
    private readonly log: UnresolvedLog,
    private readonly options: CloudFormationOptions,
    private readonly inventory: Inventory,
    private readonly errors: InputError[],
  ) {}

  read(): void {
    const present = [...this.template.resources.values()].filter((r) => this.exists(r));
    // Roles first: policies and task definitions refer to them.
    for (const res of present) if (res.type === 'AWS::IAM::Role') this.role(res);
    for (const res of present) {
      if (res.type === 'AWS::IAM::Policy') this.policy(res);
      else if (res.type === 'AWS::IAM::ManagedPolicy') this.managedPolicy(res);
      else if (res.type === 'AWS::IAM::RolePolicy') this.rolePolicy(res);
      else if (res.type === 'AWS::ECS::TaskDefinition') this.taskDefinition(res);
      else if (res.type === 'AWS::ECS::Service') this.service(res);
    }
  }

  /** False when the resource's Condition is known to be false; an unknown condition keeps it. */
  private exists(res: TemplateResource): boolean {
    if (!res.condition) return true;
    const holds = this.resolver.condition(res.condition.name, res.condition.loc);
    if (holds === undefined) {
      this.unresolved(
        `${res.id} exists only if condition "${res.condition.name}" holds; read as if it does`,
        res.loc,
      );
    }
    return holds !== false;
  }

  private unresolved(what: string, loc: Location): void {
    this.log.add(what, loc);
  }

  private error(loc: Location, message: string): void {
    this.errors.push(inputError(INVALID, loc, message));
  }

  /** Properties with intrinsics evaluated; `skip` names properties the caller reads itself. */
  private props(res: TemplateResource, skip: readonly string[] = []): JsonObject {
    const written = res.properties && {
      ...res.properties,
      entries: res.properties.entries.filter((e) => !skip.includes(e.key)),
    };
    const resolved = this.resolver.resolve(written);
    return asObject(resolved) ?? { kind: 'object', entries: [], loc: res.loc };
  }

  private text(props: JsonObject, key: string): string | undefined {
    return scalarText(field(props, key));
  }

  private document(node: JsonNode | undefined): PolicyDocument | undefined {
    if (!node) return undefined;
    const parsed = parsePolicyNode(node, node.loc.file);
    this.errors.push(...parsed.errors);
    return parsed.document;
  }

  private named(node: JsonNode, what: string): NamedDocument | undefined {
    const obj = asObject(node);
    const name = scalarText(field(obj, 'PolicyName'));
    const doc = field(obj, 'PolicyDocument');
    if (!obj || name === undefined || !doc) {
      this.error(node.loc, `${what} needs "PolicyName" and "PolicyDocument"`);
      return undefined;
    }
    const document = this.document(doc);
    return document ? { name, document, loc: obj.loc } : undefined;
  }

  private role(res: TemplateResource): void {
    const spec = NAMED_RESOURCES['AWS::IAM::Role']!;
    const props = this.props(res);
    const name = this.resolver.physicalName(res);
    const role: Role = {
      arn: this.resolver.arn(res, spec)!,
      name,
      path: this.resolver.path(res),
      inlinePolicies: [],
      managedPolicyArns: [],
      loc: res.loc,
    };
    if (this.options.accountId) role.account = this.options.accountId;
    const trust = field(props, 'AssumeRolePolicyDocument');
    if (trust) role.trustPolicy = this.document(trust);
    else this.error(res.loc, `role "${res.id}" has no AssumeRolePolicyDocument`);
    for (const p of asList(field(props, 'Policies'))) {
      const named = this.named(p, `a policy of role "${res.id}"`);
      if (named) role.inlinePolicies.push(named);
    }
    for (const arn of asList(field(props, 'ManagedPolicyArns'))) {
      const value = scalarText(arn);
      if (value !== undefined) role.managedPolicyArns.push(value);
      else this.error(arn.loc, 'expected a managed policy ARN');
    }
    const boundary = this.text(props, 'PermissionsBoundary');
    if (boundary !== undefined) role.permissionsBoundaryArn = boundary;
    this.inventory.roles.push(role);
    this.rolesByName.set(name, role);
  }

  /** The template's roles named in `Roles` (or `RoleName`); others are listed as Unresolved. */
  private targetRoles(res: TemplateResource, node: JsonNode | undefined): Role[] {
    const out: Role[] = [];
    for (const item of asList(node)) {
      const name = scalarText(item);
      const role = name === undefined ? undefined : this.rolesByName.get(name);
      if (role) out.push(role);
      else {
        this.unresolved(
          `${res.id} (${res.type}) applies to role ${JSON.stringify(name ?? item.kind)}, which this template does not define`,
          item.loc,
        );
      }
    }
    return out;
  }

  private policy(res: TemplateResource): void {
    const props = this.props(res);
    const named = this.named(props, `policy "${res.id}"`);
    if (!named) return;
    for (const role of this.targetRoles(res, field(props, 'Roles'))) role.inlinePolicies.push(named);
  }

  private rolePolicy(res: TemplateResource): void {
    const props = this.props(res);
    const named = this.named(props, `role policy "${res.id}"`);
    if (!named) return;
    const roleName = field(props, 'RoleName');
    if (!roleName) {
      this.error(res.loc, `role policy "${res.id}" has no RoleName`);
      return;
    }
    for (const role of this.targetRoles(res, roleName)) role.inlinePolicies.push(named);
  }

  private managedPolicy(res: TemplateResource): void {
    const spec = NAMED_RESOURCES['AWS::IAM::ManagedPolicy']!;
    const props = this.props(res);
    const document = this.document(field(props, 'PolicyDocument'));
    if (!field(props, 'PolicyDocument'))
      this.error(res.loc, `managed policy "${res.id}" has no PolicyDocument`);
    const arn = this.resolver.arn(res, spec)!;
    if (document) {
      this.inventory.managedPolicies.push({
        arn,
        name: this.resolver.physicalName(res),
        document,
        loc: res.loc,
      });
    }
    for (const role of this.targetRoles(res, field(props, 'Roles'))) {
      if (!role.managedPolicyArns.includes(arn)) role.managedPolicyArns.push(arn);
    }
  }

  /** A role given by name (ECS accepts a name) becomes the template role's ARN when it is one of ours. */
  private roleArn(props: JsonObject, key: string): string | undefined {
    const node = field(props, key);
    const value = scalarText(node);
    if (node && value === undefined) this.error(node.loc, `expected ${key} to be a role ARN or name`);
    if (value === undefined || value.startsWith('arn:') || value.startsWith('${')) return value;
    const role = this.rolesByName.get(value);
    if (role) return role.arn;
    this.unresolved(
      `${key} names role ${JSON.stringify(value)}, which this template does not define; its ARN depends on its path`,
      node!.loc,
    );
    return value;
  }

  private taskDefinition(res: TemplateResource): void {
    const props = this.props(res);
    const report = (loc: Location, message: string) => this.error(loc, message);
    const td: TaskDefinition = {
      family: this.resolver.physicalName(res),
      containers: readContainers(field(props, 'ContainerDefinitions'), 'cloudformation', report),
      efsVolumes: readEfsVolumes(field(props, 'Volumes'), 'cloudformation', report),
      requiresCompatibilities: asList(field(props, 'RequiresCompatibilities')).flatMap(
        (n) => scalarText(n) ?? [],
      ),
      loc: res.loc,
    };
    const taskRoleArn = this.roleArn(props, 'TaskRoleArn');
    if (taskRoleArn !== undefined) td.taskRoleArn = taskRoleArn;
    const executionRoleArn = this.roleArn(props, 'ExecutionRoleArn');
    if (executionRoleArn !== undefined) td.executionRoleArn = executionRoleArn;
    if (this.options.region) td.region = this.options.region;
    if (this.options.accountId) td.account = this.options.accountId;
    this.inventory.taskDefinitions.push(td);
  }

  private service(res: TemplateResource): void {
    const props = this.props(res, ['TaskDefinition']);
    const service: EcsService = {
      name: this.text(props, 'ServiceName') ?? res.id,
      // ECS puts a service without Cluster in the cluster named "default".
      cluster: this.text(props, 'Cluster') ?? 'default',
      taskDefinition: this.serviceTaskDefinition(res),
      loc: res.loc,
    };
    const count = Number(this.text(props, 'DesiredCount'));
    if (this.text(props, 'DesiredCount') !== undefined && Number.isFinite(count))
      service.desiredCount = count;
    const exec = this.text(props, 'EnableExecuteCommand');
    if (exec !== undefined) service.enableExecuteCommand = exec === 'true';
    this.inventory.services.push(service);
  }

  /**
   * `!Ref TaskDef` returns an ARN whose revision only the deployment knows; a task definition of this
   * template is named by its family instead (ECS reads a bare family as its latest revision, which is
   * the one the stack registers).
   */
  private serviceTaskDefinition(res: TemplateResource): string {
    const written = field(res.properties, 'TaskDefinition');
    const obj = asObject(written);
    const only = obj?.entries.length === 1 ? obj.entries[0] : undefined;
    const target =
      only?.key === 'Ref'
        ? scalarText(only.value)
        : only?.key === 'Fn::GetAtt'
          ? scalarText(asList(only.value)[0])?.split('.')[0]
          : undefined;
    const local = target === undefined ? undefined : this.template.resources.get(target);
    if (local?.type === 'AWS::ECS::TaskDefinition') return this.resolver.physicalName(local);
    if (!written) {
      this.error(res.loc, `service "${res.id}" has no TaskDefinition`);
      return '';
    }
    return this.resolver.text(written) ?? '';
  }
}
