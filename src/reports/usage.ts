import type { RoleUsagePart, RoleUsageSummary, UsageView } from '../analyses/usage/aggregate.js';
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
  /** With `--tasks` (or `--by revision`): per task definition revision; `taskDefinition` null for tasks the task data does not name. */
  revisions?: Array<UsagePartJson & { taskDefinition: string | null; tasks: string[] }>;
  /** With `--by task`: per ECS task (session), with its revision when task data names it. */
  tasks?: Array<UsagePartJson & { taskId: string; taskDefinition: string | null }>;
}

/** One part of a role's usage: a revision's or a task's records. */
export interface UsagePartJson {
  records: number;
  denied: number;
  firstSeen: string | null;
  lastSeen: string | null;
  permissions: PermissionUsage[];
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

function partJson(p: RoleUsagePart): UsagePartJson {
  return {
    records: p.records,
    denied: p.denied,
    firstSeen: p.firstSeen,
    lastSeen: p.lastSeen,
    permissions: p.permissions,
  };
}

function viewJson(
  s: RoleUsageSummary,
  view: UsageView | undefined,
): Pick<RoleUsageJson, 'revisions' | 'tasks'> {
  if (!view || !s.parts) return {};
  if (view.by === 'revision')
    return {
      revisions: s.parts.map((p) => ({ taskDefinition: p.part || null, tasks: p.sessions, ...partJson(p) })),
    };
  return {
    tasks: s.parts.map((p) => ({
      taskId: p.part,
      taskDefinition: view.tasks?.[p.part] ?? null,
      ...partJson(p),
    })),
  };
}

export function roleUsageJson(
  s: RoleUsageSummary,
  window: RoleUsageJson['window'],
  files: number,
  view?: UsageView,
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
    ...viewJson(s, view),
  };
}

function permissionLines(permissions: readonly PermissionUsage[], indent: string): string[] {
  const wa = Math.max(6, ...permissions.map((p) => p.action.length));
  return permissions.map((p) => {
    const denied = p.denied ? `  (${p.denied} denied)` : '';
    return `${indent}${p.action.padEnd(wa)}  ${p.resource}  ×${p.count}${denied}`;
  });
}

function partLines(title: string, p: UsagePartJson): string[] {
  const when = p.firstSeen ? `, ${p.firstSeen} to ${p.lastSeen}` : '';
  return [
    `  ${title}: ${p.records} record${p.records === 1 ? '' : 's'}${p.denied ? `, ${p.denied} denied` : ''}${when}`,
    ...permissionLines(p.permissions, '    '),
  ];
}

export function renderUsageText(roles: readonly RoleUsageJson[], header: string): string {
  const out: string[] = [header];
  for (const r of roles) {
    out.push(
      '',
      `${r.role}: ${r.records} records, ${r.sessions.length} sessions (ECS tasks), ${r.denied} denied${r.firstSeen ? `, ${r.firstSeen} to ${r.lastSeen}` : ''}`,
    );
    out.push(...permissionLines(r.permissions, '  '));
    for (const u of r.unmapped)
      out.push(
        `  unmapped: ${u.eventSource} ${u.eventName} ×${u.count} (no documented permission mapping; not invented)`,
      );
    for (const c of r.coverage) if (c.note) out.push(`  note: ${c.note}`);
    for (const v of r.revisions ?? []) {
      const tasks = `${v.tasks.length} task${v.tasks.length === 1 ? '' : 's'}`;
      out.push(...partLines(`revision ${v.taskDefinition ?? '(tasks not in the task data)'} (${tasks})`, v));
    }
    for (const t of r.tasks ?? [])
      out.push(
        ...partLines(
          `task ${t.taskId || '(no session)'}${t.taskDefinition ? ` (${t.taskDefinition})` : ''}`,
          t,
        ),
      );
  }
  return `${out.join('\n')}\n`;
}
