import type {
  ContainerDefinition as SdkContainer,
  Secret as SdkSecret,
  Service as SdkService,
  TaskDefinition as SdkTaskDefinition,
} from '@aws-sdk/client-ecs';
import type {
  ContainerDefinition,
  EcsService,
  EfsVolume,
  SecretRef,
  TaskDefinition,
} from '../../model/inventory.js';
import { apiLocation, arnParts } from './arn.js';

export function mapTaskDefinition(td: SdkTaskDefinition, region: string): TaskDefinition {
  const arn = td.taskDefinitionArn;
  const fromArn = arnParts(arn);
  const out: TaskDefinition = {
    family: td.family ?? '',
    containers: (td.containerDefinitions ?? []).map(mapContainer),
    efsVolumes: (td.volumes ?? []).flatMap((v): EfsVolume[] => {
      const efs = v.efsVolumeConfiguration;
      if (!efs?.fileSystemId) return [];
      const vol: EfsVolume = { name: v.name ?? '', fileSystemId: efs.fileSystemId };
      if (efs.transitEncryption) vol.transitEncryption = efs.transitEncryption;
      if (efs.authorizationConfig?.accessPointId) vol.accessPointId = efs.authorizationConfig.accessPointId;
      if (efs.authorizationConfig?.iam) vol.iam = efs.authorizationConfig.iam;
      if (efs.rootDirectory) vol.rootDirectory = efs.rootDirectory;
      return [vol];
    }),
    requiresCompatibilities: [...(td.requiresCompatibilities ?? [])],
    region: fromArn.region ?? region,
    loc: apiLocation('ecs', region, 'DescribeTaskDefinition', arn ?? `${td.family}:${td.revision}`),
  };
  if (arn) out.arn = arn;
  if (td.revision !== undefined) out.revision = td.revision;
  if (td.taskRoleArn) out.taskRoleArn = td.taskRoleArn;
  if (td.executionRoleArn) out.executionRoleArn = td.executionRoleArn;
  if (fromArn.account) out.account = fromArn.account;
  return out;
}

function mapContainer(c: SdkContainer): ContainerDefinition {
  const out: ContainerDefinition = {
    name: c.name ?? '',
    image: c.image ?? '',
    secrets: secrets(c.secrets),
    environmentFiles: (c.environmentFiles ?? []).map((f) => ({ value: f.value ?? '', type: f.type ?? 's3' })),
  };
  if (c.logConfiguration?.logDriver) {
    out.logConfiguration = {
      logDriver: c.logConfiguration.logDriver,
      options: { ...(c.logConfiguration.options ?? {}) },
      secretOptions: secrets(c.logConfiguration.secretOptions),
    };
  }
  if (c.repositoryCredentials?.credentialsParameter) {
    out.repositoryCredentials = { credentialsParameter: c.repositoryCredentials.credentialsParameter };
  }
  if (c.firelensConfiguration?.type) {
    out.firelensConfiguration = {
      type: c.firelensConfiguration.type,
      options: { ...(c.firelensConfiguration.options ?? {}) },
    };
  }
  return out;
}

function secrets(list: SdkSecret[] | undefined): SecretRef[] {
  return (list ?? []).map((s) => ({ name: s.name ?? '', valueFrom: s.valueFrom ?? '' }));
}

export function mapService(s: SdkService, region: string, cluster: string): EcsService {
  const name = s.serviceName ?? s.serviceArn?.split('/').pop() ?? '';
  const out: EcsService = {
    name,
    // The model names clusters by name, as task definitions and other sources do.
    cluster: (s.clusterArn ?? cluster).split('/').pop() ?? cluster,
    taskDefinition: s.taskDefinition ?? '',
    loc: apiLocation('ecs', region, 'DescribeServices', s.serviceArn ?? `${cluster}/${name}`),
  };
  if (s.serviceArn) out.arn = s.serviceArn;
  if (s.desiredCount !== undefined) out.desiredCount = s.desiredCount;
  if (s.runningCount !== undefined) out.runningCount = s.runningCount;
  if (s.enableExecuteCommand !== undefined) out.enableExecuteCommand = s.enableExecuteCommand;
  return out;
}

/** Every task definition a service may be running: the current one and those still deploying. */
export function serviceTaskDefinitions(s: SdkService): string[] {
  const all = [s.taskDefinition, ...(s.deployments ?? []).map((d) => d.taskDefinition)];
  return all.filter((t): t is string => !!t);
}
