import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  paginateListClusters,
  paginateListServices,
  paginateListTaskDefinitions,
} from '@aws-sdk/client-ecs';
import { IAMClient, paginateGetAccountAuthorizationDetails } from '@aws-sdk/client-iam';
import type { AwsCallError, InputError } from '../model/errors.js';
import { type EcsService, emptyInventory, type Inventory, type TaskDefinition } from '../model/inventory.js';
import { arnParts } from './aws-utils/arn.js';
import {
  attempt,
  type CallSite,
  chunks,
  collectPages,
  itemFailure,
  mapLimit,
} from './aws-utils/call-error.js';
import { mapService, mapTaskDefinition, serviceTaskDefinitions } from './aws-utils/ecs-map.js';
import { mapManagedPolicy, mapRole } from './aws-utils/iam-map.js';
import { findUnresolved } from './aws-utils/unresolved.js';

export interface AwsClients {
  /** One ECS client per region to read. */
  ecs: ECSClient[];
  iam: IAMClient;
}

export interface AwsReadProgress {
  /** e.g. `ecs:us-east-1:services`, `iam:authorization-details`. */
  phase: string;
  done: number;
  total?: number;
}

export interface AwsReadOptions {
  onProgress?: (p: AwsReadProgress) => void;
  /**
   * Read only these clusters (names, or ARNs, which apply to their own region only). Only the task definitions their
   * services use are then described; without it, every ACTIVE task definition is read as well.
   */
  clusters?: string[];
}

export interface AwsAccountRead {
  inventory: Inventory;
  /** Calls that failed (after the SDK's retries); the rest of the account was still read. */
  errors: AwsCallError[];
  /** Policy documents IAM returned that do not parse as policies (or parse with problems). */
  inputErrors: InputError[];
}

const DESCRIBE_SERVICES_BATCH = 10;
const DESCRIBE_CONCURRENCY = 4;

/** Clients for the standard credential chain, with adaptive retries. `AWS_ENDPOINT_URL` is honoured by the SDK. */
export function makeClients(opts: { regions: string[]; profile?: string; endpoint?: string }): AwsClients {
  const common = {
    retryMode: 'adaptive',
    maxAttempts: 8,
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
  };
  const regions: Array<string | undefined> = opts.regions.length > 0 ? opts.regions : [undefined];
  const withRegion = (region: string | undefined) => (region ? { ...common, region } : common);
  return {
    ecs: regions.map((region) => new ECSClient(withRegion(region))),
    // IAM is global: any region of the partition reaches it.
    iam: new IAMClient(withRegion(regions[0])),
  };
}

/** Reads task definitions, services, roles and managed policies with read-only calls. Never throws. */
export async function readAwsAccount(
  clients: AwsClients,
  options: AwsReadOptions = {},
): Promise<AwsAccountRead> {
  const errors: AwsCallError[] = [];
  const inputErrors: InputError[] = [];
  const progress = options.onProgress ?? (() => {});
  const [regions, iam] = await Promise.all([
    Promise.all(clients.ecs.map((ecs) => readEcsRegion(ecs, options, errors, progress))),
    readIam(clients.iam, errors, inputErrors, progress),
  ]);
  const inventory = emptyInventory();
  for (const r of regions) {
    inventory.taskDefinitions.push(...r.taskDefinitions);
    inventory.services.push(...r.services);
  }
  inventory.roles = iam.roles;
  inventory.managedPolicies = iam.managedPolicies;
  if (iam.complete) inventory.unresolved = findUnresolved(inventory);
  return { inventory, errors, inputErrors };
}

type Progress = (p: AwsReadProgress) => void;

async function readEcsRegion(
  ecs: ECSClient,
  options: AwsReadOptions,
  errors: AwsCallError[],
  progress: Progress,
): Promise<{ taskDefinitions: TaskDefinition[]; services: EcsService[] }> {
  const services: EcsService[] = [];
  let region: string;
  try {
    region = await ecs.config.region();
  } catch (err) {
    errors.push(itemFailure({ service: 'ecs', operation: 'ListClusters' }, 'MissingRegion', String(err)));
    return { taskDefinitions: [], services };
  }
  const site = (operation: string, target?: string): CallSite => ({
    service: 'ecs',
    region,
    operation,
    target,
  });
  const phase = (name: string) => (done: number, total?: number) =>
    progress({ phase: `ecs:${region}:${name}`, done, ...(total === undefined ? {} : { total }) });

  // A cluster ARN names its region; a bare name is looked for in every region.
  const only = options.clusters?.length
    ? options.clusters.filter((c) => !c.startsWith('arn:') || arnParts(c).region === region)
    : undefined;
  const clusters =
    only ??
    (
      await collectPages(
        errors,
        site('ListClusters'),
        paginateListClusters({ client: ecs }, {}),
        (p) => p.clusterArns,
        phase('clusters'),
      )
    ).items;

  const used = new Set<string>();
  const servicesDone = phase('services');
  for (const cluster of clusters) {
    const listed = await collectPages(
      errors,
      site('ListServices', cluster),
      paginateListServices({ client: ecs }, { cluster }),
      (p) => p.serviceArns,
    );
    for (const batch of chunks(listed.items, DESCRIBE_SERVICES_BATCH)) {
      const out = await attempt(errors, site('DescribeServices', cluster), () =>
        ecs.send(new DescribeServicesCommand({ cluster, services: batch })),
      );
      for (const s of out?.services ?? []) {
        services.push(mapService(s, region, cluster));
        for (const td of serviceTaskDefinitions(s)) used.add(td);
      }
      for (const f of out?.failures ?? []) {
        errors.push(itemFailure(site('DescribeServices', f.arn ?? cluster), f.reason ?? 'Failure', f.detail));
      }
      servicesDone(services.length);
    }
  }

  if (!only) {
    const active = await collectPages(
      errors,
      site('ListTaskDefinitions'),
      paginateListTaskDefinitions({ client: ecs }, { status: 'ACTIVE' }),
      (p) => p.taskDefinitionArns,
    );
    for (const arn of active.items) used.add(arn);
  }

  const arns = [...used];
  const tdDone = phase('task-definitions');
  let done = 0;
  const described = await mapLimit(arns, DESCRIBE_CONCURRENCY, async (arn) => {
    const out = await attempt(errors, site('DescribeTaskDefinition', arn), () =>
      ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn })),
    );
    tdDone(++done, arns.length);
    return out?.taskDefinition ? mapTaskDefinition(out.taskDefinition, region) : undefined;
  });
  return { taskDefinitions: described.filter((t): t is TaskDefinition => t !== undefined), services };
}

async function readIam(
  iam: IAMClient,
  errors: AwsCallError[],
  inputErrors: InputError[],
  progress: Progress,
): Promise<Pick<Inventory, 'roles' | 'managedPolicies'> & { complete: boolean }> {
  const read = await collectPages(
    errors,
    { service: 'iam', operation: 'GetAccountAuthorizationDetails' },
    paginateGetAccountAuthorizationDetails(
      { client: iam, pageSize: 1000 },
      { Filter: ['Role', 'LocalManagedPolicy', 'AWSManagedPolicy'] },
    ),
    (page) => [page],
    (pages) => progress({ phase: 'iam:authorization-details', done: pages }),
  );
  const roles = read.items.flatMap((page) => page.RoleDetailList ?? []);
  // AWS managed policies no role uses are dropped: some endpoints (moto) list all of them, ~1,500.
  const used = new Set(
    roles.flatMap((r) => [
      ...(r.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn),
      r.PermissionsBoundary?.PermissionsBoundaryArn,
    ]),
  );
  const policies = read.items
    .flatMap((page) => page.Policies ?? [])
    .filter((p) => !p.Arn?.includes(':iam::aws:policy/') || used.has(p.Arn));
  return {
    roles: roles.flatMap((r) => mapRole(r, inputErrors) ?? []),
    managedPolicies: policies.flatMap((p) => mapManagedPolicy(p, inputErrors) ?? []),
    complete: read.complete,
  };
}
