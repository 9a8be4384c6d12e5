export { AUDIT_CODES, type AuditCode, type AuditCodeMeta } from './codes.js';
export type { AuditFinding } from './finding.js';
export { policyFromRequirements, type Requirement, requirementsOf } from './requirements.js';
export type { ManagedPolicyLookup } from './role-policies.js';
export {
  type AuditOptions,
  type AuditReport,
  type RoleReport,
  runAudit,
  type TaskDefinitionReport,
} from './run.js';
export type { RoleUse } from './usage.js';
