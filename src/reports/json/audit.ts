import type { Severity } from '../../model/index.js';
import type { CheckFindingJson } from './check.js';

/** One audit finding: the check finding's shape plus the policy it is in and the ECS context. */
export interface AuditFindingJson extends CheckFindingJson {
  policy?: string;
  usedBy: string[];
}

export interface AuditRoleJson {
  arn: string;
  name: string;
  kind: 'task' | 'execution' | 'both';
  usedBy: Array<{ taskDefinition: string; family: string; as: 'task' | 'execution'; services: string[] }>;
  policies: string[];
  findings: AuditFindingJson[];
}

export interface AuditTaskDefinitionJson {
  id: string;
  family: string;
  revision?: number;
  arn?: string;
  taskRoleArn?: string;
  executionRoleArn?: string;
  services: string[];
  executionRolePolicy: { Version: '2012-10-17'; Statement: object[] };
  notes: string[];
  findings: AuditFindingJson[];
}

export interface AuditOutputJson {
  taskDefinitions: AuditTaskDefinitionJson[];
  roles: AuditRoleJson[];
  findings: AuditFindingJson[];
  summary: {
    taskDefinitions: number;
    roles: number;
    services: number;
    findings: number;
    bySeverity: Record<Severity, number>;
    /** Roles with at least one security or error finding. */
    overPrivilegedRoles: number;
  };
}
