// The library's public surface.
export type { AuditFinding, AuditReport, RoleReport, TaskDefinitionReport } from './analyses/audit/index.js';
export { requirementsOf, runAudit } from './analyses/audit/index.js';
export type { CheckMeta } from './analyses/check/index.js';
export { CHECKS, runChecks } from './analyses/check/index.js';
export {
  authorize,
  compilePolicySet,
  type NamedPolicy,
  type PolicySet,
  type PolicySetInput,
} from './analyses/evaluate/authorize.js';
export { type AuditResult, auditAws, auditPaths } from './api/audit.js';
export { type CheckResult, checkPaths } from './api/check.js';
export { runTestFile, simulate } from './api/evaluate.js';
export { runUsage, type UsageOptions, type UsageResult } from './api/usage.js';
export type { Catalog } from './catalog/index.js';
export { loadCatalog } from './catalog/index.js';
export * from './model/index.js';
export { parsePolicy, readInventoryPaths } from './sources/index.js';
