import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding, Severity } from '../../model/index.js';

const LEVEL: Record<Severity, Result.level> = {
  security: 'error',
  error: 'error',
  warning: 'warning',
  suggestion: 'note',
};

/** GitHub code scanning ranks alerts by this property (0.0–10.0). */
const SECURITY_SEVERITY: Record<Severity, string> = {
  security: '8.0',
  error: '5.0',
  warning: '3.0',
  suggestion: '1.0',
};

/** What SARIF needs of a rule: check metadata and audit codes both have it. */
export interface RuleMeta {
  code: string;
  severity: Severity;
  summary: string;
  description?: string;
}

export function renderSarif(
  findings: readonly Finding[],
  rules: readonly RuleMeta[],
  version: string,
  cwd: string,
): Log {
  const ruleIndex = new Map(rules.map((r, i) => [r.code, i]));
  const descriptors: ReportingDescriptor[] = rules.map((r) => ({
    id: r.code,
    name: r.code.toLowerCase().replace(/_(.)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: r.summary },
    fullDescription: { text: r.description ?? r.summary },
    help: { text: r.description ?? r.summary, markdown: r.description ?? r.summary },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      tags: r.severity === 'security' ? ['security', 'iam'] : ['iam'],
      'security-severity': SECURITY_SEVERITY[r.severity],
    },
  }));
  const results: Result[] = findings.map((f) => {
    const result: Result = {
      ruleId: f.code,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: relativeUri(f.loc.file, cwd), uriBaseId: '%SRCROOT%' },
            region: { startLine: Math.max(1, f.loc.line), startColumn: Math.max(1, f.loc.column) },
          },
          logicalLocations: f.loc.pointer
            ? [{ fullyQualifiedName: f.loc.pointer, kind: 'member' }]
            : undefined,
        },
      ],
      partialFingerprints: { scopedownFinding: `${f.code}:${f.loc.file}:${f.loc.pointer}` },
    };
    const index = ruleIndex.get(f.code);
    if (index !== undefined) result.ruleIndex = index;
    if (f.fix) result.properties = { fix: f.fix };
    return result;
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'scopedown', version, rules: descriptors } },
        results,
      },
    ],
  };
}

/** SARIF wants forward-slash URIs relative to the source root. */
function relativeUri(file: string, cwd: string): string {
  const normal = file.replace(/\\/g, '/');
  const root = `${cwd.replace(/\\/g, '/')}/`;
  const rel = normal.startsWith(root) ? normal.slice(root.length) : normal;
  return rel.split('/').map(encodeURIComponent).join('/');
}
