import { type AuditReport, runAudit } from '../analyses/audit/index.js';
import { loadCatalog } from '../catalog/index.js';
import type { AwsCallError, InputError, Inventory } from '../model/index.js';
import { type AwsReadProgress, makeClients, readAwsAccount } from '../sources/aws-account.read.js';
import { awsManagedPolicy } from '../sources/aws-managed-policies.js';
import { readInventoryPaths } from '../sources/inventory.read.js';

export interface AuditResult {
  report: AuditReport;
  inventory: Inventory;
  /** Inputs that could not be read (files, policy documents). */
  errors: InputError[];
  /** Failed AWS calls (`--aws`). */
  awsErrors: AwsCallError[];
  files: number;
  kinds: Record<string, number>;
}

export interface AuditProgress {
  onFiles?: (done: number, total: number) => void;
  onAws?: (p: AwsReadProgress) => void;
  onRoles?: (done: number, total: number) => void;
}

function audit(inventory: Inventory, progress: AuditProgress): AuditReport {
  return runAudit(inventory, {
    catalog: loadCatalog(),
    managedPolicy: awsManagedPolicy,
    onProgress: progress.onRoles,
  });
}

/** Audits task definitions, roles and templates from files and folders. */
export async function auditPaths(
  paths: readonly string[],
  progress: AuditProgress = {},
): Promise<AuditResult> {
  const read = await readInventoryPaths(paths, { onProgress: progress.onFiles });
  return {
    report: audit(read.inventory, progress),
    inventory: read.inventory,
    errors: read.errors,
    awsErrors: [],
    files: read.files,
    kinds: read.kinds,
  };
}

export interface AwsAuditOptions {
  regions: string[];
  profile?: string;
  clusters?: string[];
}

/** Audits a live account with read-only calls through the SDK's standard credential chain. */
export async function auditAws(options: AwsAuditOptions, progress: AuditProgress = {}): Promise<AuditResult> {
  const clients = makeClients({ regions: options.regions, profile: options.profile });
  try {
    const read = await readAwsAccount(clients, { onProgress: progress.onAws, clusters: options.clusters });
    return {
      report: audit(read.inventory, progress),
      inventory: read.inventory,
      errors: read.inputErrors,
      awsErrors: read.errors,
      files: 0,
      kinds: {},
    };
  } finally {
    for (const c of [...clients.ecs, clients.iam]) c.destroy();
  }
}
