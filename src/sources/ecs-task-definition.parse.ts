/**
 * ECS JSON → inventory: task definitions as registered (`register-task-definition --cli-input-json`),
 * `aws ecs describe-task-definition` output, a list of either, and `aws ecs describe-services` output.
 * Also home of what the AWS JSON parsers share: the result type, the shape detector and field readers.
 *
 * Unknown keys are ignored (task definitions have dozens this tool has no use for), `null` counts as
 * absent, a value of the wrong type is reported (INVALID_INPUT) and left out while the rest is read.
 */
import type { InputError } from '../model/errors.js';
import {
  type ContainerDefinition,
  type EcsService,
  type EfsVolume,
  emptyInventory,
  type Inventory,
  type SecretRef,
  type TaskDefinition,
} from '../model/inventory.js';
import type { Location } from '../model/location.js';
import type { JsonNode, JsonObject } from './json-located.parse.js';
import { describe, type Reporter, report } from './policy-utils/report.js';

export interface InventoryParseResult {
  inventory: Inventory;
  /** Every problem found; whatever could still be read is in `inventory`. */
  errors: InputError[];
}

export type AwsJsonKind =
  | 'task-definition'
  | 'describe-task-definition'
  | 'describe-services'
  | 'get-role'
  | 'account-authorization-details';

/**
 * Which AWS JSON a value is, by shape; undefined for anything else (a policy, CloudTrail, ...).
 * An array is the kind of its first item (lists of task definitions, roles or pages).
 */
export function detectAwsJsonKind(node: JsonNode): AwsJsonKind | undefined {
  if (node.kind === 'array') {
    const first = node.items[0];
    return first?.kind === 'object' ? detectObjectKind(first) : undefined;
  }
  return node.kind === 'object' ? detectObjectKind(node) : undefined;
}

function detectObjectKind(obj: JsonObject): AwsJsonKind | undefined {
  const has = (key: string) => obj.entries.some((e) => e.key === key);
  const at = (key: string) => obj.entries.find((e) => e.key === key)?.value;
  if (has('RoleDetailList') || has('UserDetailList') || has('GroupDetailList')) {
    return 'account-authorization-details';
  }
  if (at('Role')?.kind === 'object') return 'get-role';
  if (has('AssumeRolePolicyDocument') && (has('RoleName') || has('Arn'))) return 'get-role';
  const policies = at('Policies');
  if (policies?.kind === 'array') {
    const first = policies.items[0];
    if (first?.kind === 'object' && first.entries.some((e) => e.key === 'PolicyVersionList')) {
      return 'account-authorization-details';
    }
  }
  if (at('taskDefinition')?.kind === 'object') return 'describe-task-definition';
  const services = at('services');
  if (services?.kind === 'array') {
    const first = services.items[0];
    if (first === undefined ? has('failures') : first.kind === 'object' && isService(first)) {
      return 'describe-services';
    }
  }
  if (has('containerDefinitions') || has('taskDefinitionArn')) return 'task-definition';
  if (has('family') && (has('taskRoleArn') || has('executionRoleArn'))) return 'task-definition';
  return undefined;
}

function isService(obj: JsonObject): boolean {
  return obj.entries.some((e) => e.key === 'serviceName' || e.key === 'serviceArn' || e.key === 'clusterArn');
}

// ---------------------------------------------------------------------------------------------
// Field readers shared by the AWS JSON parsers (task definitions, roles, account details).

export const INVALID_INPUT = 'INVALID_INPUT';

export function inputError(r: Reporter, loc: Location, message: string): void {
  report(r, loc, message, INVALID_INPUT);
}

export function expected(r: Reporter, node: JsonNode, what: string): void {
  inputError(r, node.loc, `expected ${what}, got ${describe(node)}`);
}

/** The value of `key` (its first occurrence); `null` counts as absent. */
export function member(obj: JsonObject, key: string): JsonNode | undefined {
  for (const e of obj.entries) {
    if (e.key === key) return e.value.kind === 'null' ? undefined : e.value;
  }
  return undefined;
}

export function stringAt(r: Reporter, obj: JsonObject, key: string): string | undefined {
  const node = member(obj, key);
  if (!node) return undefined;
  if (node.kind === 'string') return node.value;
  expected(r, node, 'a string');
  return undefined;
}

/** A string AWS always writes: when missing, reported as "the <what> has no <key>". */
export function requiredStringAt(
  r: Reporter,
  obj: JsonObject,
  key: string,
  what: string,
): string | undefined {
  const node = member(obj, key);
  if (!node) {
    inputError(r, obj.loc, `the ${what} has no ${JSON.stringify(key)}`);
    return undefined;
  }
  return stringAt(r, obj, key);
}

export function numberAt(r: Reporter, obj: JsonObject, key: string): number | undefined {
  const node = member(obj, key);
  if (!node) return undefined;
  if (node.kind === 'number') return node.value;
  expected(r, node, 'a number');
  return undefined;
}

export function booleanAt(r: Reporter, obj: JsonObject, key: string): boolean | undefined {
  const node = member(obj, key);
  if (!node) return undefined;
  if (node.kind === 'boolean') return node.value;
  expected(r, node, 'true or false');
  return undefined;
}

export function objectAt(r: Reporter, obj: JsonObject, key: string): JsonObject | undefined {
  const node = member(obj, key);
  if (!node) return undefined;
  if (node.kind === 'object') return node;
  expected(r, node, 'an object');
  return undefined;
}

/** The objects of an array; a wrong-typed array or item is reported and skipped. */
export function objectsAt(r: Reporter, obj: JsonObject, key: string): JsonObject[] {
  const node = member(obj, key);
  if (!node) return [];
  if (node.kind !== 'array') {
    expected(r, node, 'an array');
    return [];
  }
  const out: JsonObject[] = [];
  for (const item of node.items) {
    if (item.kind === 'object') out.push(item);
    else expected(r, item, 'an object');
  }
  return out;
}

export function stringsAt(r: Reporter, obj: JsonObject, key: string): string[] {
  const node = member(obj, key);
  if (!node) return [];
  if (node.kind !== 'array') {
    expected(r, node, 'an array of strings');
    return [];
  }
  const out: string[] = [];
  for (const item of node.items) {
    if (item.kind === 'string') out.push(item.value);
    else expected(r, item, 'a string');
  }
  return out;
}

/** A map of strings (log driver options); entries that are not strings are reported and dropped. */
export function stringMapAt(r: Reporter, obj: JsonObject, key: string): Record<string, string> {
  const out: Record<string, string> = {};
  const map = objectAt(r, obj, key);
  for (const e of map?.entries ?? []) {
    if (e.value.kind === 'string') out[e.key] = e.value.value;
    else if (e.value.kind !== 'null') expected(r, e.value, 'a string');
  }
  return out;
}

/** Problems in the order they appear in the file, which is how a user works through them. */
export function inFileOrder(errors: InputError[]): InputError[] {
  return errors.sort((a, b) => a.line - b.line || a.column - b.column);
}

// ---------------------------------------------------------------------------------------------

/**
 * Reads every ECS shape this tool knows (see the file comment); a top-level array may mix them.
 * A task definition without a `family` (nor an ARN to take it from) is reported and left out.
 */
export function parseTaskDefinitions(node: JsonNode, file: string): InventoryParseResult {
  const r: Reporter = { file, errors: [] };
  const inventory = emptyInventory();
  if (node.kind === 'array') for (const item of node.items) readEcs(r, inventory, item);
  else readEcs(r, inventory, node);
  return { inventory, errors: inFileOrder(r.errors) };
}

/** `aws ecs describe-services` output alone; `parseTaskDefinitions` reads it too. */
export function parseEcsServices(node: JsonNode, file: string): InventoryParseResult {
  const r: Reporter = { file, errors: [] };
  const inventory = emptyInventory();
  if (node.kind === 'object') readServices(r, inventory, node);
  else expected(r, node, '"aws ecs describe-services" output {"services": [...]}');
  return { inventory, errors: inFileOrder(r.errors) };
}

function readEcs(r: Reporter, inventory: Inventory, node: JsonNode): void {
  if (node.kind !== 'object') {
    expected(r, node, 'an ECS task definition object');
    return;
  }
  const kind = detectObjectKind(node);
  if (kind === 'get-role' || kind === 'account-authorization-details') {
    const what = kind === 'get-role' ? '"aws iam get-role"' : '"aws iam get-account-authorization-details"';
    inputError(r, node.loc, `expected an ECS task definition, got ${what} output`);
  } else if (kind === 'describe-services') {
    readServices(r, inventory, node);
  } else {
    const inner = kind === 'describe-task-definition' ? member(node, 'taskDefinition') : node;
    const td = inner?.kind === 'object' ? readTaskDefinition(r, inner) : undefined;
    if (td) inventory.taskDefinitions.push(td);
  }
}

const TASK_DEFINITION_ARN = /^arn:[\w-]+:ecs:([\w-]*):(\d{12}):task-definition\/([\w-]+):(\d+)$/;

function readTaskDefinition(r: Reporter, obj: JsonObject): TaskDefinition | undefined {
  const arnNode = member(obj, 'taskDefinitionArn');
  const arn = stringAt(r, obj, 'taskDefinitionArn');
  const parts = arn === undefined ? undefined : TASK_DEFINITION_ARN.exec(arn);
  if (arnNode && arn !== undefined && !parts) {
    expected(r, arnNode, 'an ARN like arn:aws:ecs:REGION:ACCOUNT:task-definition/FAMILY:REVISION');
  }
  let family = stringAt(r, obj, 'family');
  if (family === undefined) {
    if (!member(obj, 'family')) inputError(r, obj.loc, 'the task definition has no "family"');
    family = parts?.[3];
    if (family === undefined) return undefined;
  }
  const td: TaskDefinition = {
    family,
    containers: objectsAt(r, obj, 'containerDefinitions').map((c) => readContainer(r, c)),
    efsVolumes: [],
    requiresCompatibilities: stringsAt(r, obj, 'requiresCompatibilities'),
    loc: obj.loc,
  };
  if (!member(obj, 'containerDefinitions')) {
    inputError(r, obj.loc, 'the task definition has no "containerDefinitions"');
  }
  if (arn !== undefined) td.arn = arn;
  if (parts) {
    if (parts[1]) td.region = parts[1];
    td.account = parts[2];
  }
  const revision = numberAt(r, obj, 'revision') ?? (parts ? Number(parts[4]) : undefined);
  if (revision !== undefined) td.revision = revision;
  // ECS takes a bare role name too; the audit resolves it against the account.
  const taskRole = stringAt(r, obj, 'taskRoleArn');
  if (taskRole) td.taskRoleArn = taskRole;
  const executionRole = stringAt(r, obj, 'executionRoleArn');
  if (executionRole) td.executionRoleArn = executionRole;
  for (const volume of objectsAt(r, obj, 'volumes')) {
    const efs = readEfsVolume(r, volume);
    if (efs) td.efsVolumes.push(efs);
  }
  return td;
}

function readContainer(r: Reporter, obj: JsonObject): ContainerDefinition {
  // Kept even without a name or image: its secrets and log settings still need the execution role.
  const container: ContainerDefinition = {
    name: requiredStringAt(r, obj, 'name', 'container definition') ?? '',
    image: requiredStringAt(r, obj, 'image', 'container definition') ?? '',
    secrets: readSecrets(r, obj, 'secrets'),
    environmentFiles: [],
  };
  for (const f of objectsAt(r, obj, 'environmentFiles')) {
    const value = requiredStringAt(r, f, 'value', 'environment file');
    const type = stringAt(r, f, 'type') ?? 's3'; // the only type ECS has
    if (value !== undefined) container.environmentFiles.push({ value, type });
  }
  const log = objectAt(r, obj, 'logConfiguration');
  if (log) {
    container.logConfiguration = {
      logDriver: requiredStringAt(r, log, 'logDriver', 'log configuration') ?? '',
      options: stringMapAt(r, log, 'options'),
      secretOptions: readSecrets(r, log, 'secretOptions'),
    };
  }
  const credentials = objectAt(r, obj, 'repositoryCredentials');
  if (credentials) {
    const parameter = requiredStringAt(r, credentials, 'credentialsParameter', 'repositoryCredentials');
    if (parameter !== undefined) container.repositoryCredentials = { credentialsParameter: parameter };
  }
  const firelens = objectAt(r, obj, 'firelensConfiguration');
  if (firelens) {
    container.firelensConfiguration = {
      type: requiredStringAt(r, firelens, 'type', 'firelensConfiguration') ?? '',
      options: stringMapAt(r, firelens, 'options'),
    };
  }
  return container;
}

function readSecrets(r: Reporter, obj: JsonObject, key: string): SecretRef[] {
  const out: SecretRef[] = [];
  for (const s of objectsAt(r, obj, key)) {
    const name = requiredStringAt(r, s, 'name', 'secret');
    const valueFrom = requiredStringAt(r, s, 'valueFrom', 'secret');
    if (name !== undefined && valueFrom !== undefined) out.push({ name, valueFrom });
  }
  return out;
}

function readEfsVolume(r: Reporter, volume: JsonObject): EfsVolume | undefined {
  const efs = objectAt(r, volume, 'efsVolumeConfiguration');
  if (!efs) return undefined;
  const fileSystemId = requiredStringAt(r, efs, 'fileSystemId', 'EFS volume configuration');
  if (fileSystemId === undefined) return undefined;
  const out: EfsVolume = { name: requiredStringAt(r, volume, 'name', 'volume') ?? '', fileSystemId };
  const transitEncryption = stringAt(r, efs, 'transitEncryption');
  if (transitEncryption !== undefined) out.transitEncryption = transitEncryption;
  const rootDirectory = stringAt(r, efs, 'rootDirectory');
  if (rootDirectory !== undefined) out.rootDirectory = rootDirectory;
  const auth = objectAt(r, efs, 'authorizationConfig');
  if (auth) {
    const accessPointId = stringAt(r, auth, 'accessPointId');
    if (accessPointId !== undefined) out.accessPointId = accessPointId;
    const iam = stringAt(r, auth, 'iam');
    if (iam !== undefined) out.iam = iam;
  }
  return out;
}

function readServices(r: Reporter, inventory: Inventory, obj: JsonObject): void {
  if (!member(obj, 'services')) inputError(r, obj.loc, 'expected "aws ecs describe-services" output');
  for (const s of objectsAt(r, obj, 'services')) {
    const service = readService(r, s);
    if (service) inventory.services.push(service);
  }
  // Services ECS could not describe (`"reason": "MISSING"`) are references left unresolved.
  for (const f of objectsAt(r, obj, 'failures')) {
    const arn = stringAt(r, f, 'arn') ?? '(no arn)';
    const reason = stringAt(r, f, 'reason') ?? 'no reason given';
    inventory.unresolved.push({ what: `ECS service ${arn}: ${reason}`, loc: f.loc });
  }
}

/** `arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/NAME` (the old form has no CLUSTER). */
const SERVICE_ARN = /^arn:[\w-]+:ecs:[\w-]*:\d{12}:service\/(?:([^/]+)\/)?([^/]+)$/;

function readService(r: Reporter, obj: JsonObject): EcsService | undefined {
  const arn = stringAt(r, obj, 'serviceArn');
  const fromArn = arn === undefined ? undefined : SERVICE_ARN.exec(arn);
  const name = stringAt(r, obj, 'serviceName') ?? fromArn?.[2];
  if (name === undefined) {
    if (!member(obj, 'serviceName')) inputError(r, obj.loc, 'the service has no "serviceName"');
    return undefined;
  }
  const clusterArn = stringAt(r, obj, 'clusterArn');
  const cluster = clusterArn === undefined ? fromArn?.[1] : clusterArn.slice(clusterArn.indexOf('/') + 1);
  if (cluster === undefined && !member(obj, 'clusterArn')) {
    inputError(r, obj.loc, 'the service has no "clusterArn"');
  }
  // The service-level taskDefinition is the PRIMARY deployment's; services run by an external
  // deployment controller leave it out, so fall back on the deployments.
  const deployments = objectsAt(r, obj, 'deployments');
  const primary = deployments.find(isPrimary);
  const taskDefinition =
    stringAt(r, obj, 'taskDefinition') ?? (primary ? stringAt(r, primary, 'taskDefinition') : undefined);
  if (taskDefinition === undefined) {
    if (!member(obj, 'taskDefinition')) inputError(r, obj.loc, 'the service has no "taskDefinition"');
    return undefined;
  }
  const service: EcsService = { name, cluster: cluster ?? '', taskDefinition, loc: obj.loc };
  if (arn !== undefined) service.arn = arn;
  const desiredCount = numberAt(r, obj, 'desiredCount');
  if (desiredCount !== undefined) service.desiredCount = desiredCount;
  const runningCount = numberAt(r, obj, 'runningCount');
  if (runningCount !== undefined) service.runningCount = runningCount;
  const exec = booleanAt(r, obj, 'enableExecuteCommand');
  if (exec !== undefined) service.enableExecuteCommand = exec;
  return service;
}

function isPrimary(deployment: JsonObject): boolean {
  const status = member(deployment, 'status');
  return status?.kind === 'string' && status.value === 'PRIMARY';
}
