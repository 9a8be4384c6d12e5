import type { Finding, Location, Severity } from '../../model/index.js';
import { type AuditCode, auditCode } from './codes.js';

/** A finding about a role, with the ECS context that makes it matter. */
export interface AuditFinding extends Finding {
  /** The policy the finding is in (`inline:NAME`, a managed policy ARN, `trust`), when it is in one. */
  policy?: string;
  /** Task definitions (family:revision, as task/execution) and services that use the role. */
  usedBy: string[];
}

export function auditFinding(
  code: AuditCode,
  fields: {
    message: string;
    loc: Location;
    usedBy: string[];
    policy?: string;
    action?: string;
    resource?: string;
    severity?: Severity;
    statement?: number | null;
    sid?: string | null;
    fix?: Finding['fix'];
  },
): AuditFinding {
  const f: AuditFinding = {
    code,
    severity: fields.severity ?? auditCode(code).severity,
    statement: fields.statement ?? null,
    sid: fields.sid ?? null,
    message: fields.message,
    loc: fields.loc,
    usedBy: fields.usedBy,
  };
  if (fields.policy !== undefined) f.policy = fields.policy;
  if (fields.action !== undefined) f.action = fields.action;
  if (fields.resource !== undefined) f.resource = fields.resource;
  if (fields.fix !== undefined) f.fix = fields.fix;
  return f;
}
