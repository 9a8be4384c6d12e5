import type { Location } from './location.js';
import type { PolicyDocument } from './policy.js';

/**
 * What audit reads, whatever the source (files, CloudFormation, Terraform, a live account):
 * task definitions → roles → policies, and the services that run the task definitions.
 * Wire names keep AWS's spelling (taskRoleArn, valueFrom).
 */

export interface SecretRef {
  name: string;
  valueFrom: string;
}

export interface ContainerDefinition {
  name: string;
  image: string;
  secrets: SecretRef[];
  logConfiguration?: {
    logDriver: string;
    options: Record<string, string>;
    secretOptions: SecretRef[];
  };
  environmentFiles: Array<{ value: string; type: string }>;
  repositoryCredentials?: { credentialsParameter: string };
  firelensConfiguration?: { type: string; options: Record<string, string> };
}

export interface EfsVolume {
  name: string;
  fileSystemId: string;
  transitEncryption?: string;
  accessPointId?: string;
  iam?: string;
  rootDirectory?: string;
}

export interface TaskDefinition {
  /** `arn:aws:ecs:REGION:ACCOUNT:task-definition/FAMILY:REV` when known. */
  arn?: string;
  family: string;
  revision?: number;
  taskRoleArn?: string;
  executionRoleArn?: string;
  containers: ContainerDefinition[];
  efsVolumes: EfsVolume[];
  requiresCompatibilities: string[];
  /** Region and account the definition lives in, when the source tells (ARN, stack, account). */
  region?: string;
  account?: string;
  /** Where it was read from (file and pointer, a template resource, or an AWS API). */
  loc: Location;
}

export interface NamedDocument {
  name: string;
  document: PolicyDocument;
  loc?: Location;
}

export interface Role {
  arn: string;
  name: string;
  path: string;
  account?: string;
  trustPolicy?: PolicyDocument;
  inlinePolicies: NamedDocument[];
  /** ARNs of attached managed policies; bodies are looked up in Inventory.managedPolicies. */
  managedPolicyArns: string[];
  permissionsBoundaryArn?: string;
  loc: Location;
}

export interface ManagedPolicy {
  arn: string;
  name: string;
  /** The default version's document. */
  document: PolicyDocument;
  loc?: Location;
}

export interface EcsService {
  arn?: string;
  name: string;
  cluster: string;
  /** ARN or `family:revision` of the deployed task definition. */
  taskDefinition: string;
  desiredCount?: number;
  runningCount?: number;
  enableExecuteCommand?: boolean;
  loc: Location;
}

/** Something a source referenced but could not resolve (a Ref to a parameter, an unknown Fn::). */
export interface Unresolved {
  what: string;
  loc: Location;
}

export interface Inventory {
  taskDefinitions: TaskDefinition[];
  roles: Role[];
  managedPolicies: ManagedPolicy[];
  services: EcsService[];
  unresolved: Unresolved[];
}

export function emptyInventory(): Inventory {
  return { taskDefinitions: [], roles: [], managedPolicies: [], services: [], unresolved: [] };
}

/** Inventories from several files or sources, merged (roles and policies deduplicated by ARN). */
export function mergeInventories(parts: readonly Inventory[]): Inventory {
  const out = emptyInventory();
  const roles = new Map<string, Role>();
  const policies = new Map<string, ManagedPolicy>();
  for (const p of parts) {
    out.taskDefinitions.push(...p.taskDefinitions);
    out.services.push(...p.services);
    out.unresolved.push(...p.unresolved);
    for (const r of p.roles) if (!roles.has(r.arn)) roles.set(r.arn, r);
    for (const m of p.managedPolicies) if (!policies.has(m.arn)) policies.set(m.arn, m);
  }
  out.roles = [...roles.values()];
  out.managedPolicies = [...policies.values()];
  return out;
}
