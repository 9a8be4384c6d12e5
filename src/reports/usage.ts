import type { RoleUsageSummary } from '../analyses/usage/aggregate.js';
import type { PermissionUsage } from '../model/index.js';

/** One role's usage as the contract's `scopedown usage --format json` prints it, plus coverage. */
export interface RoleUsageJson {
  role: string;
  window: { since: string | null; until: string | null };
  files: number;
  records: number;
  permissions: PermissionUsage[];
  unmapped: Array<{ eventSource: string; eventName: string; count: number }>;
  /** Added to the contract: what the trail can and cannot show, per service the role touched. */
  coverage: Array<{ service: string; managementEvents: number; dataEvents: number; note?: string }>;
  denied: number;
  sessions: string[];
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface UsageOutputJson extends Partial<RoleUsageJson> {
  /** Every role, when more than one (or none) was asked for. */
  roles?: RoleUsageJson[];
  window: { since: string | null; until: string | null };
  files: number;
  records: number;
  source: {
    kind: 'files' | 's3' | 'lookup-events' | 'athena';
    filesParsed?: number;
    filesPrefiltered?: number;
    filesFromCache?: number;
    note?: string;
    /** Athena: each query run (the table's DDL, the usage query) with what it scanned. */
    queries?: ReadonlyArray<{ kind: string; id: string; bytesScanned: number; engineMs: number }>;
    /** Athena: bytes scanned over all queries, what Athena bills for. */
    bytesScanned?: number;
  };
}

/** Services whose application calls are mostly data events, off by default in trails. */
const DATA_EVENT_SERVICES = new Set(['s3', 'dynamodb', 'sqs', 'sns', 'lambda', 'kinesis']);

export function roleUsageJson(
  s: RoleUsageSummary,
  window: RoleUsageJson['window'],
  files: number,
): RoleUsageJson {
  return {
    role: s.role,
    window,
    files,
    records: s.records,
    permissions: s.permissions,
    unmapped: s.unmapped.map((u) => ({ eventSource: u.eventSource, eventName: u.eventName, count: u.count })),
    coverage: s.services.map((svc) => {
      const service = svc.eventSource.split('.')[0] ?? svc.eventSource;
      const c: RoleUsageJson['coverage'][number] = {
        service,
        managementEvents: svc.management,
        dataEvents: svc.data,
      };
      if (svc.data === 0 && DATA_EVENT_SERVICES.has(service)) {
        c.note = `no ${service} data events in this trail: object- and item-level permissions (e.g. s3:GetObject) cannot be learned from it; enable data events or add them by intent`;
      }
      return c;
    }),
    denied: s.denied,
    sessions: s.sessions,
    firstSeen: s.firstSeen,
    lastSeen: s.lastSeen,
  };
}

export function renderUsageText(roles: readonly RoleUsageJson[], header: string): string {
  const out: string[] = [header];
  for (const r of roles) {
    out.push(
      '',
      `${r.role}: ${r.records} records, ${r.sessions.length} sessions (ECS tasks), ${r.denied} denied${r.firstSeen ? `, ${r.firstSeen} to ${r.lastSeen}` : ''}`,
    );
    const wa = Math.max(6, ...r.permissions.map((p) => p.action.length));
    for (const p of r.permissions) {
      const denied = p.denied ? `  (${p.denied} denied)` : '';
      out.push(`  ${p.action.padEnd(wa)}  ${p.resource}  ×${p.count}${denied}`);
    }
    for (const u of r.unmapped)
      out.push(
        `  unmapped: ${u.eventSource} ${u.eventName} ×${u.count} (no documented permission mapping; not invented)`,
      );
    for (const c of r.coverage) if (c.note) out.push(`  note: ${c.note}`);
  }
  return `${out.join('\n')}\n`;
}
