import pc from 'picocolors';
import type { AuditFinding, AuditReport } from '../analyses/audit/index.js';
import { SEVERITIES, type Severity } from '../model/index.js';
import type { AuditFindingJson, AuditOutputJson } from './json/audit.js';
import { findingToJson } from './json/check.js';
import { type RuleMeta, renderSarif } from './sarif/check.js';

function findingJson(f: AuditFinding): AuditFindingJson {
  const out: AuditFindingJson = { ...findingToJson(f), usedBy: f.usedBy };
  if (f.policy !== undefined) out.policy = f.policy;
  return out;
}

function allFindings(r: AuditReport): AuditFinding[] {
  return [
    ...r.findings,
    ...r.taskDefinitions.flatMap((t) => t.findings),
    ...r.roles.flatMap((x) => x.findings),
  ];
}

function counts(findings: readonly AuditFinding[]): Record<Severity, number> {
  const by = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) by[f.severity]++;
  return by;
}

export function auditToJson(r: AuditReport): AuditOutputJson {
  const all = allFindings(r);
  return {
    taskDefinitions: r.taskDefinitions.map((t) => ({ ...t, findings: t.findings.map(findingJson) })),
    roles: r.roles.map((x) => ({ ...x, findings: x.findings.map(findingJson) })),
    findings: r.findings.map(findingJson),
    summary: {
      taskDefinitions: r.taskDefinitions.length,
      roles: r.roles.length,
      services: new Set(r.taskDefinitions.flatMap((t) => t.services)).size,
      findings: all.length,
      bySeverity: counts(all),
      overPrivilegedRoles: r.roles.filter((x) =>
        x.findings.some((f) => f.severity === 'security' || f.severity === 'error'),
      ).length,
    },
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const COLOURS: Record<Severity, (s: string) => string> = {
  security: pc.magenta,
  error: pc.red,
  warning: pc.yellow,
  suggestion: pc.cyan,
};

/** A table of roles with finding counts by severity, then the findings, most severe first. */
export function renderAuditText(r: AuditReport, colour: boolean): string {
  const paint = (s: Severity, t: string) => (colour ? COLOURS[s](t) : t);
  const lines: string[] = [];
  const header = ['role', 'kind', 'used by', ...SEVERITIES];
  const rows = r.roles.map((x) => {
    const c = counts(x.findings);
    const families = [...new Set(x.usedBy.map((u) => u.family))].join(', ');
    return [x.name, x.kind, families, ...SEVERITIES.map((s) => String(c[s]))];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  lines.push(fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt), '');
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  const sections: Array<[string, AuditFinding[]]> = [
    ...r.roles.map((x): [string, AuditFinding[]] => [`${x.name} (${x.kind} role, ${x.arn})`, x.findings]),
    ...r.taskDefinitions
      .filter((t) => t.findings.length)
      .map((t): [string, AuditFinding[]] => [`task definition ${t.id}`, t.findings]),
    ...(r.findings.length ? [['input', r.findings] as [string, AuditFinding[]]] : []),
  ];
  for (const [title, findings] of sections) {
    if (findings.length === 0) continue;
    lines.push(title);
    for (const f of [...findings].sort((a, b) => rank(a.severity) - rank(b.severity))) {
      const where = f.policy
        ? ` [${f.policy}${f.statement !== null ? ` statement ${f.statement}` : ''}]`
        : '';
      lines.push(`  ${paint(f.severity, f.severity.padEnd(10))} ${f.code}  ${f.message}${where}`);
    }
    lines.push('');
  }
  const s = auditToJson(r).summary;
  lines.push(
    `${plural(s.taskDefinitions, 'task definition')}, ${plural(s.roles, 'role')} audited: ${s.overPrivilegedRoles} with security or error findings; ` +
      SEVERITIES.map((sev) => `${s.bySeverity[sev]} ${sev}`).join(', '),
  );
  return `${lines.join('\n')}\n`;
}

/** For a pull-request comment: a summary table and the findings that matter, collapsed per role. */
export function renderAuditMarkdown(r: AuditReport): string {
  const s = auditToJson(r).summary;
  const out: string[] = [
    '### scopedown audit',
    '',
    `${s.roles} roles used by ${s.taskDefinitions} task definitions: **${s.overPrivilegedRoles} over-privileged**.`,
    '',
    '| role | kind | used by | security | error | warning | suggestion |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const x of r.roles) {
    const c = counts(x.findings);
    out.push(
      `| \`${x.name}\` | ${x.kind} | ${[...new Set(x.usedBy.map((u) => u.family))].join(', ')} | ${c.security} | ${c.error} | ${c.warning} | ${c.suggestion} |`,
    );
  }
  for (const x of r.roles) {
    if (x.findings.length === 0) continue;
    out.push('', `<details><summary><code>${x.name}</code>: ${x.findings.length} findings</summary>`, '');
    for (const f of x.findings)
      out.push(`- **${f.severity}** \`${f.code}\`: ${f.message.replace(/\|/g, '\\|')}`);
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}

export function renderAuditSarif(
  r: AuditReport,
  rules: readonly RuleMeta[],
  version: string,
  cwd: string,
): string {
  return `${JSON.stringify(renderSarif(allFindings(r), rules, version, cwd), null, 2)}\n`;
}
