/**
 * The IAM-relevant fields of ECS container definitions and EFS volumes, in each spelling: the ECS API
 * (`logConfiguration`, also what Terraform's `container_definitions` string holds), CloudFormation
 * (`LogConfiguration`, `EFSVolumeConfiguration.FilesystemId`) and Terraform blocks (`efs_volume_configuration`).
 */
import type { ContainerDefinition, EfsVolume, SecretRef } from '../../model/inventory.js';
import type { Location } from '../../model/location.js';
import type { JsonNode, JsonObject } from '../json-located.parse.js';
import { asBlock, asList, field, scalarText } from './json-node.js';

export type Dialect = 'api' | 'cloudformation' | 'terraform';

export type ReportError = (loc: Location, message: string) => void;

const CLOUDFORMATION_KEYS: Readonly<Record<string, string>> = {
  efsVolumeConfiguration: 'EFSVolumeConfiguration',
  fileSystemId: 'FilesystemId',
  iam: 'IAM',
};

/** The key an API field name has in a dialect. */
export function keyFor(dialect: Dialect, apiName: string): string {
  if (dialect === 'cloudformation') {
    return CLOUDFORMATION_KEYS[apiName] ?? apiName.charAt(0).toUpperCase() + apiName.slice(1);
  }
  if (dialect === 'terraform') return apiName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return apiName;
}

class Reader {
  constructor(
    readonly dialect: Dialect,
    readonly report: ReportError,
  ) {}

  get(obj: JsonObject | undefined, apiName: string): JsonNode | undefined {
    return field(obj, keyFor(this.dialect, apiName));
  }

  /** A nested object (Terraform writes a nested block as a one-element array). */
  block(obj: JsonObject | undefined, apiName: string): JsonObject | undefined {
    return asBlock(this.get(obj, apiName));
  }

  text(obj: JsonObject | undefined, apiName: string): string | undefined {
    return scalarText(this.get(obj, apiName));
  }

  required(obj: JsonObject, apiName: string, what: string): string | undefined {
    const value = this.text(obj, apiName);
    if (value === undefined) this.report(obj.loc, `${what} has no "${keyFor(this.dialect, apiName)}"`);
    return value;
  }

  map(node: JsonNode | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    if (node?.kind !== 'object') return out;
    for (const e of node.entries) {
      const v = scalarText(e.value);
      if (v !== undefined) out[e.key] = v;
    }
    return out;
  }

  secrets(node: JsonNode | undefined, what: string): SecretRef[] {
    const out: SecretRef[] = [];
    for (const item of asList(node)) {
      if (item.kind !== 'object') {
        this.report(item.loc, `expected a ${what} entry with "name" and "valueFrom"`);
        continue;
      }
      const name = this.required(item, 'name', `a ${what} entry`);
      const valueFrom = this.required(item, 'valueFrom', `a ${what} entry`);
      if (name !== undefined && valueFrom !== undefined) out.push({ name, valueFrom });
    }
    return out;
  }
}

export function readContainers(
  node: JsonNode | undefined,
  dialect: Dialect,
  report: ReportError,
): ContainerDefinition[] {
  const r = new Reader(dialect, report);
  const out: ContainerDefinition[] = [];
  if (node && node.kind !== 'array') {
    report(node.loc, 'expected a list of container definitions');
    return out;
  }
  for (const item of asList(node)) {
    if (item.kind !== 'object') {
      report(item.loc, 'expected a container definition object');
      continue;
    }
    const container = readContainer(r, item);
    if (container) out.push(container);
  }
  return out;
}

function readContainer(r: Reader, obj: JsonObject): ContainerDefinition | undefined {
  const name = r.required(obj, 'name', 'a container definition');
  const image = r.required(obj, 'image', 'a container definition');
  if (name === undefined || image === undefined) return undefined;
  const container: ContainerDefinition = {
    name,
    image,
    secrets: r.secrets(r.get(obj, 'secrets'), 'secrets'),
    environmentFiles: [],
  };
  const log = r.block(obj, 'logConfiguration');
  if (log) {
    const logDriver = r.required(log, 'logDriver', 'logConfiguration');
    if (logDriver !== undefined) {
      container.logConfiguration = {
        logDriver,
        options: r.map(r.get(log, 'options')),
        secretOptions: r.secrets(r.get(log, 'secretOptions'), 'secretOptions'),
      };
    }
  }
  for (const file of asList(r.get(obj, 'environmentFiles'))) {
    const f = asBlock(file);
    const value = f && r.required(f, 'value', 'an environmentFiles entry');
    if (f && value !== undefined) container.environmentFiles.push({ value, type: r.text(f, 'type') ?? 's3' });
  }
  const credentials = r.block(obj, 'repositoryCredentials');
  if (credentials) {
    const credentialsParameter = r.required(credentials, 'credentialsParameter', 'repositoryCredentials');
    if (credentialsParameter !== undefined) container.repositoryCredentials = { credentialsParameter };
  }
  const firelens = r.block(obj, 'firelensConfiguration');
  if (firelens) {
    const type = r.required(firelens, 'type', 'firelensConfiguration');
    if (type !== undefined)
      container.firelensConfiguration = { type, options: r.map(r.get(firelens, 'options')) };
  }
  return container;
}

/** Volumes that mount EFS; other volume kinds need no IAM permissions and are left out. */
export function readEfsVolumes(
  node: JsonNode | undefined,
  dialect: Dialect,
  report: ReportError,
): EfsVolume[] {
  const r = new Reader(dialect, report);
  const out: EfsVolume[] = [];
  for (const item of asList(node)) {
    if (item.kind !== 'object') {
      report(item.loc, 'expected a volume object');
      continue;
    }
    const efs = r.block(item, 'efsVolumeConfiguration');
    if (!efs) continue;
    const name = r.required(item, 'name', 'a volume');
    const fileSystemId = r.required(efs, 'fileSystemId', 'an EFS volume configuration');
    if (name === undefined || fileSystemId === undefined) continue;
    const volume: EfsVolume = { name, fileSystemId };
    const transitEncryption = r.text(efs, 'transitEncryption');
    if (transitEncryption !== undefined) volume.transitEncryption = transitEncryption;
    const rootDirectory = r.text(efs, 'rootDirectory');
    if (rootDirectory !== undefined) volume.rootDirectory = rootDirectory;
    const auth = r.block(efs, 'authorizationConfig');
    const accessPointId = r.text(auth, 'accessPointId');
    if (accessPointId !== undefined) volume.accessPointId = accessPointId;
    const iam = r.text(auth, 'iam');
    if (iam !== undefined) volume.iam = iam;
    out.push(volume);
  }
  return out;
}
