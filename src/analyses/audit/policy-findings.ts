/**
 * The lint checks on each of a role's policies, with every grant-type finding confirmed by the
 * engine on the role's effective policies: a wildcard that a permissions boundary or a Deny
 * takes away is reported as such, not as an open door.
 */
import type { ActionInfo, Catalog } from '../../catalog/index.js';
import type { Finding } from '../../model/index.js';
import { type ExpansionCache, runChecks } from '../check/index.js';
import { expandActionPattern } from '../evaluate/match/action-expand.js';
import { compileActionPattern } from '../evaluate/match/action-pattern.js';
import type { AuditFinding } from './finding.js';
import { probeAction } from './probe.js';
import type { RolePolicies } from './role-policies.js';

/** Findings that say "this grants too much": the engine must agree the grant is real. */
const GRANTS = new Set([
  'FULL_WILDCARD',
  'SERVICE_WILDCARD',
  'RESOURCE_WILDCARD',
  'BROAD_RESOURCE_PATTERN',
  'ALLOW_NOT_ACTION',
  'ALLOW_NOT_RESOURCE',
]);
/** Decided by the engine's own escalation probes instead (probe-findings.ts). */
const REPLACED = new Set(['PRIVILEGE_ESCALATION']);

const LEVEL_ORDER = ['Permissions management', 'Write', 'Read', 'List', 'Tagging'] as const;

export function policyFindings(
  rp: RolePolicies,
  catalog: Catalog,
  cache: ExpansionCache,
  region: string,
  usedBy: string[],
): AuditFinding[] {
  const out: AuditFinding[] = [];
  for (const p of rp.identity) {
    for (const f of runChecks(p.document, [], catalog, { cache })) {
      if (REPLACED.has(f.code)) continue;
      const finding: AuditFinding = { ...f, policy: p.name, usedBy };
      if (GRANTS.has(f.code) && f.statement !== null && !grantSurvives(rp, catalog, f, p.document, region)) {
        finding.severity = 'suggestion';
        finding.message = `${f.message} (No effect today: a Deny or the permissions boundary takes it away; remove it anyway.)`;
      }
      out.push(finding);
    }
  }
  return out;
}

/**
 * Probes up to three of the statement's riskiest actions on resources nobody scoped it to; the grant
 * survives unless a Deny or the boundary takes every one away (unmatched conditions still count).
 */
function grantSurvives(
  rp: RolePolicies,
  catalog: Catalog,
  f: Finding,
  doc: RolePolicies['identity'][number]['document'],
  region: string,
): boolean {
  const st = doc.statements.find((s) => s.index === f.statement);
  if (!st) return true;
  // NotAction grants everything else: probe a few well-known sensitive actions instead.
  const actions: ActionInfo[] = st.notAction
    ? ['iam:CreateUser', 's3:GetObject', 'secretsmanager:GetSecretValue', 'ec2:RunInstances'].flatMap(
        (k) => catalog.actionByKey(k) ?? [],
      )
    : (st.action ?? []).flatMap((a) => expandActionPattern(catalog, compileActionPattern(a.value)));
  const candidates = [...actions].sort((a, b) => rank(a.accessLevels) - rank(b.accessLevels)).slice(0, 3);
  if (candidates.length === 0) return true;
  return candidates.some((a) => !(probeAction(rp, catalog, a.key, region)?.neutralized ?? false));
}

function rank(levels: readonly string[]): number {
  const i = LEVEL_ORDER.findIndex((l) => levels.includes(l));
  return i < 0 ? LEVEL_ORDER.length : i;
}
