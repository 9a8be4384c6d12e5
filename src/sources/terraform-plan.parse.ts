/**
 * `terraform show -json` output (a saved plan, format 1.x, or a state) → Inventory: ECS task
 * definitions and services, IAM roles with inline, attached and boundary policies.
 *
 * A plan leaves out what is known only after apply, typically every ARN of a resource it creates.
 * Such links are followed through `configuration` references instead: a task definition whose
 * `task_role_arn` refers to `aws_iam_role.task.arn` gets exactly the ARN recorded for that role. A
 * role (or policy) whose ARN is not yet known gets `arn:${unknown}:iam::${unknown}:role<path><name>`,
 * the partition and account filled from the options when given: the same string on both sides of the
 * link, and, being a never-resolving policy variable, one that can match no real ARN. A task
 * definition reached through a reference to its ARN is named by its family, as ECS accepts.
 * Everything else unknown or unresolvable is an Unresolved entry; a placeholder `${reference}`
 * stands in for its value.
 */
import type { InputError } from '../model/errors.js';
import {
  type EcsService,
  emptyInventory,
  type Inventory,
  type ManagedPolicy,
  type NamedDocument,
  type Role,
  type TaskDefinition,
} from '../model/inventory.js';
import type { Location } from '../model/location.js';
import type { PolicyDocument } from '../model/policy.js';
import {
  type InventoryParseResult,
  inputError,
  placeholder,
  UnresolvedLog,
} from './iac-utils/inventory-result.js';
import { asBlock, asList, field, relocate, scalarText, stringNode } from './iac-utils/json-node.js';
import { readContainers, readEfsVolumes } from './iac-utils/task-definition-fields.js';
import { type TfInstance, TfPlan } from './iac-utils/tf-plan.js';
import { type JsonNode, parseJsonLocated } from './json-located.parse.js';
import { parsePolicyNode } from './policy.parse.js';

export type { InventoryParseResult } from './iac-utils/inventory-result.js';

export interface TerraformPlanOptions {
  /** Fills the account of ARNs known only after apply; without it they read `${unknown}`. */
  accountId?: string;
  /** Fills the partition of those ARNs; without it, `${unknown}`. */
  partition?: string;
}

const INVALID = 'INVALID_PLAN';
const UNKNOWN = '${unknown}';

export function parseTerraformPlan(
  node: JsonNode,
  file: string,
  options: TerraformPlanOptions = {},
): InventoryParseResult {
  const errors: InputError[] = [];
  const inventory = emptyInventory();
  const plan = TfPlan.read(node, errors);
  if (!plan) return { inventory, errors };
  const log = new UnresolvedLog();
  new PlanReader(plan, file, options, inventory, errors, log).read();
  inventory.unresolved = log.list();
  return { inventory, errors };
}

interface Identity {
  name: string;
  arn: string;
  path: string;
}

class PlanReader {
  private readonly identities = new Map<string, Identity>();
  private readonly rolesByName = new Map<string, Role>();

  constructor(
    private readonly plan: TfPlan,
    private readonly file: string,
    private readonly options: TerraformPlanOptions,
    private readonly inventory: Inventory,
    private readonly errors: InputError[],
    private readonly log: UnresolvedLog,
  ) {}

  read(): void {
    const managed = this.plan.instances.filter((i) => i.mode === 'managed');
    const ofType = (type: string) => managed.filter((i) => i.type === type);
    for (const inst of ofType('aws_iam_role')) this.role(inst);
    for (const inst of ofType('aws_iam_policy')) this.managedPolicy(inst);
    for (const inst of ofType('aws_iam_role_policy')) this.rolePolicy(inst);
    for (const inst of ofType('aws_iam_role_policy_attachment')) this.attachment(inst);
    for (const inst of ofType('aws_ecs_task_definition')) this.taskDefinition(inst);
    for (const inst of ofType('aws_ecs_service')) this.service(inst);
  }

  private error(loc: Location, message: string): void {
    this.errors.push(inputError(INVALID, loc, message));
  }

  /** A plain attribute; unknown ones become `${address.attribute}` (logged). */
  private text(inst: TfInstance, attr: string): string | undefined {
    const a = this.plan.attribute(inst, attr);
    if (a.state === 'null') return undefined;
    if (a.state === 'known') {
      const s = scalarText(a.node);
      if (s === undefined) this.error(a.node.loc, `${inst.address}: expected ${attr} to be a string`);
      return s;
    }
    const stand = placeholder(`${inst.address}.${attr}`);
    this.log.add(`${inst.address}: ${attr} is known only after apply; written here as "${stand}"`, inst.loc);
    return stand;
  }

  /**
   * An attribute that links to another resource: its value when known, else what its expression
   * refers to (`aws_iam_role.task.arn` → that role's ARN). `complete` is false when a value on the
   * way was unresolved, so a placeholder is never parsed as a policy document.
   */
  private linked(inst: TfInstance, attr: string): { node: JsonNode; complete: boolean } | undefined {
    const a = this.plan.attribute(inst, attr);
    if (a.state === 'known') return { node: a.node, complete: true };
    if (a.state === 'null') return undefined;
    // `count.index` and `each.key` choose an instance; they are not where the value comes from.
    const refs = this.plan
      .references(inst, attr)
      .filter((r) => !/^(count|each|path|terraform)\./.test(r.text));
    const targets = new Set(refs.map((r) => r.target ?? r.text));
    const ref = refs.find((r) => r.attribute !== undefined) ?? refs[0];
    if (targets.size === 1 && ref?.target && ref.attribute) {
      const key = refs.find((r) => r.key !== undefined)?.key;
      const candidates = this.plan
        .instancesOf(ref.target)
        .filter((i) => key === undefined || i.address.endsWith(key));
      const target = candidates.length === 1 ? candidates[0] : undefined;
      const before = this.log.misses;
      const node = target && this.standIn(target, ref.attribute);
      if (node) return { node, complete: this.log.misses === before };
    }
    const written = ref ? ref.text : `${inst.address}.${attr}`;
    const stand = placeholder(written);
    const why =
      refs.length === 0
        ? 'and the plan shows no configuration for it'
        : targets.size > 1
          ? `and depends on ${refs.map((r) => r.text).join(', ')}`
          : `and refers to ${written}, which the plan does not resolve`;
    this.log.add(`${inst.address}: ${attr} is known only after apply ${why}`, inst.loc);
    return { node: stringNode(stand, inst.loc), complete: false };
  }

  private linkedText(inst: TfInstance, attr: string): string | undefined {
    const v = this.linked(inst, attr);
    if (!v) return undefined;
    const s = scalarText(v.node);
    if (s === undefined) this.error(v.node.loc, `${inst.address}: expected ${attr} to be a string`);
    return s;
  }

  /** What another resource's attribute will be, as far as this plan can tell. */
  private standIn(target: TfInstance, attribute: string): JsonNode | undefined {
    const a = this.plan.attribute(target, attribute);
    if (a.state === 'known') return a.node;
    const at = (value: string) => stringNode(value, target.loc);
    switch (target.type) {
      case 'aws_iam_role':
        if (attribute === 'arn') return at(this.identity(target, 'role').arn);
        if (attribute === 'name' || attribute === 'id') return at(this.identity(target, 'role').name);
        break;
      case 'aws_iam_policy':
        if (attribute === 'arn' || attribute === 'id') return at(this.identity(target, 'policy').arn);
        break;
      case 'aws_ecs_task_definition':
        if (['arn', 'arn_without_revision', 'id', 'family'].includes(attribute)) {
          const family = this.text(target, 'family');
          if (family !== undefined) return at(family);
        }
        break;
      case 'aws_ecs_cluster':
        if (['arn', 'id', 'name'].includes(attribute)) {
          const name = this.text(target, 'name');
          if (name !== undefined) return at(name);
        }
        break;
    }
    return undefined;
  }

  /** Name, path and ARN of a role or policy; the ARN is built when the plan does not know it yet. */
  private identity(inst: TfInstance, kind: 'role' | 'policy'): Identity {
    const seen = this.identities.get(inst.address);
    if (seen) return seen;
    const name = this.text(inst, 'name') ?? placeholder(`${inst.address}.name`);
    const path = this.text(inst, 'path') ?? '/';
    const known = this.plan.attribute(inst, 'arn');
    let arn = known.state === 'known' ? scalarText(known.node) : undefined;
    if (arn === undefined) {
      const { partition = UNKNOWN, accountId = UNKNOWN } = this.options;
      arn = `arn:${partition}:iam::${accountId}:${kind}${path}${name}`;
      if (partition === UNKNOWN || accountId === UNKNOWN) {
        this.log.add(
          `${inst.address}: the ARN is known only after apply; written here as "${arn}"`,
          inst.loc,
        );
      }
    }
    const identity = { name, path, arn };
    this.identities.set(inst.address, identity);
    return identity;
  }

  private document(inst: TfInstance, attr: string): PolicyDocument | undefined {
    const v = this.linked(inst, attr);
    if (!v?.complete) return undefined;
    const parsed = parsePolicyNode(v.node, this.file);
    this.errors.push(...parsed.errors);
    return parsed.document;
  }

  private role(inst: TfInstance): void {
    const { name, path, arn } = this.identity(inst, 'role');
    const role: Role = { arn, name, path, inlinePolicies: [], managedPolicyArns: [], loc: inst.loc };
    const account = arn.split(':')[4];
    if (account && !account.includes('$')) role.account = account;
    const trust = this.document(inst, 'assume_role_policy');
    if (trust) role.trustPolicy = trust;
    for (const block of asList(field(inst.values, 'inline_policy'))) {
      const b = asBlock(block);
      const policyName = scalarText(field(b, 'name'));
      const policy = field(b, 'policy');
      // The provider records "no inline policies" as one block with empty strings.
      if (!b || !policyName || !policy || scalarText(policy) === '') continue;
      const parsed = parsePolicyNode(policy, this.file);
      this.errors.push(...parsed.errors);
      if (parsed.document)
        role.inlinePolicies.push({ name: policyName, document: parsed.document, loc: b.loc });
    }
    for (const item of asList(field(inst.values, 'managed_policy_arns'))) {
      const value = scalarText(item);
      if (value !== undefined) role.managedPolicyArns.push(value);
    }
    const boundary = this.linkedText(inst, 'permissions_boundary');
    if (boundary !== undefined) role.permissionsBoundaryArn = boundary;
    this.inventory.roles.push(role);
    this.rolesByName.set(name, role);
  }

  private managedPolicy(inst: TfInstance): void {
    const { name, arn } = this.identity(inst, 'policy');
    const document = this.document(inst, 'policy');
    if (!document) return;
    const policy: ManagedPolicy = { arn, name, document, loc: inst.loc };
    this.inventory.managedPolicies.push(policy);
  }

  /** The plan's role named by the `role` attribute (a name, followed through references). */
  private targetRole(inst: TfInstance): Role | undefined {
    const name = this.linkedText(inst, 'role');
    if (name === undefined) {
      this.error(inst.loc, `${inst.address} has no role`);
      return undefined;
    }
    const role = this.rolesByName.get(name);
    if (!role && !name.includes('${')) {
      this.log.add(`${inst.address}: applies to role "${name}", which this plan does not define`, inst.loc);
    }
    return role;
  }

  private rolePolicy(inst: TfInstance): void {
    const role = this.targetRole(inst);
    const document = this.document(inst, 'policy');
    if (!role || !document) return;
    const name = this.text(inst, 'name') ?? placeholder(`${inst.address}.name`);
    const named: NamedDocument = { name, document, loc: inst.loc };
    role.inlinePolicies.push(named);
  }

  private attachment(inst: TfInstance): void {
    const role = this.targetRole(inst);
    const arn = this.linkedText(inst, 'policy_arn');
    if (!role || arn === undefined) return;
    if (!role.managedPolicyArns.includes(arn)) role.managedPolicyArns.push(arn);
  }

  /** A role ARN, or a role name (ECS accepts one) turned into that role's ARN when the plan defines it. */
  private roleArn(inst: TfInstance, attr: string): string | undefined {
    const value = this.linkedText(inst, attr);
    if (value === undefined || value.startsWith('arn:') || value.includes('${')) return value;
    return this.rolesByName.get(value)?.arn ?? value;
  }

  private containers(inst: TfInstance): TaskDefinition['containers'] {
    const report = (loc: Location, message: string) => this.error(loc, `${inst.address}: ${message}`);
    const a = this.plan.attribute(inst, 'container_definitions');
    if (a.state === 'unknown') {
      this.log.add(`${inst.address}: container_definitions is known only after apply`, inst.loc);
      return [];
    }
    if (a.state === 'null') return [];
    if (a.node.kind !== 'string') return readContainers(a.node, 'api', report);
    const parsed = parseJsonLocated(a.node.value, this.file);
    if (!parsed.ok) {
      const at = a.node.loc;
      for (const e of parsed.errors) {
        this.errors.push(
          inputError(
            INVALID,
            at,
            `container_definitions: ${e.message} (at ${e.line}:${e.column} of the string)`,
          ),
        );
      }
      return [];
    }
    return readContainers(relocate(parsed.value, a.node.loc), 'api', report);
  }

  private taskDefinition(inst: TfInstance): void {
    const report = (loc: Location, message: string) => this.error(loc, `${inst.address}: ${message}`);
    const td: TaskDefinition = {
      family: this.text(inst, 'family') ?? placeholder(`${inst.address}.family`),
      containers: this.containers(inst),
      efsVolumes: readEfsVolumes(field(inst.values, 'volume'), 'terraform', report),
      requiresCompatibilities: asList(field(inst.values, 'requires_compatibilities')).flatMap(
        (n) => scalarText(n) ?? [],
      ),
      loc: inst.loc,
    };
    const taskRoleArn = this.roleArn(inst, 'task_role_arn');
    if (taskRoleArn !== undefined) td.taskRoleArn = taskRoleArn;
    const executionRoleArn = this.roleArn(inst, 'execution_role_arn');
    if (executionRoleArn !== undefined) td.executionRoleArn = executionRoleArn;
    const arn = this.plan.attribute(inst, 'arn');
    const arnText = arn.state === 'known' ? scalarText(arn.node) : undefined;
    if (arnText !== undefined) {
      td.arn = arnText;
      const [, , , region, account] = arnText.split(':');
      if (region) td.region = region;
      if (account) td.account = account;
    }
    const revision = field(inst.values, 'revision');
    if (revision?.kind === 'number') td.revision = revision.value;
    const region = td.region ?? this.plan.region(inst);
    if (region !== undefined) td.region = region;
    if (td.account === undefined && this.options.accountId) td.account = this.options.accountId;
    this.inventory.taskDefinitions.push(td);
  }

  private service(inst: TfInstance): void {
    const service: EcsService = {
      name: this.text(inst, 'name') ?? inst.address,
      // ECS puts a service without cluster in the cluster named "default".
      cluster: this.linkedText(inst, 'cluster') ?? 'default',
      taskDefinition: this.linkedText(inst, 'task_definition') ?? '',
      loc: inst.loc,
    };
    const count = field(inst.values, 'desired_count');
    if (count?.kind === 'number') service.desiredCount = count.value;
    const exec = field(inst.values, 'enable_execute_command');
    if (exec?.kind === 'boolean') service.enableExecuteCommand = exec.value;
    this.inventory.services.push(service);
  }
}
