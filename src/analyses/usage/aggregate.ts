/**
 * What roles did, from their CloudTrail records: per role, each permission the records needed
 * (count, first and last seen, how many were denied), the events no mapping knows, management vs
 * data events per service, and the sessions (ECS task IDs). Pure: records and a mapping function in,
 * counts out. One aggregate per file is built anywhere (a worker thread) and merged into the total;
 * `toTransfer` packs it into typed arrays and one string table to cross threads, files or caches.
 */
import type { CloudTrailRecord, EventMapping, PermissionUsage } from '../../model/cloudtrail.js';
import { firstTime, hashEventId, type SeenEventIds } from './aggregate-utils/event-ids.js';
import { float64, Growable, int32 } from './aggregate-utils/growable.js';
import { isDataEvent, isDeniedErrorCode, sessionName, trailTime } from './aggregate-utils/records.js';

export { EventIdSet, hashEventId, type SeenEventIds } from './aggregate-utils/event-ids.js';
export {
  DENIED_ERROR_CODES,
  isDataEvent,
  isDeniedErrorCode,
  sessionName,
  trailTime,
} from './aggregate-utils/records.js';

/** `(record) => mapEvent(record, catalog)`: what permissions a record needed. */
export type EventMapper = (record: CloudTrailRecord) => EventMapping;

/**
 * A role's records split further: by the session (for an ECS task role, the task ID), or by the task
 * definition revision that task ran, from task data (`tasks`: task ID → task definition ARN).
 */
export type UsageView =
  | { by: 'task'; tasks?: Readonly<Record<string, string>> }
  | { by: 'revision'; tasks: Readonly<Record<string, string>> };

export interface UsageFilter {
  /** Role ARNs as `sessionIssuer.arn` spells them (IAM path included); empty: every role. */
  roles: readonly string[];
  /** Records before `since` or after `until` (eventTime) are not counted. */
  since?: Date;
  until?: Date;
  view?: UsageView;
}

export interface UnmappedEvent {
  eventSource: string;
  eventName: string;
  count: number;
  /** Why the first such record could not be mapped. */
  reason: string;
}

/** Events of one service: data events are off by default in trails, so zero says "not logged". */
export interface ServiceEvents {
  eventSource: string;
  management: number;
  data: number;
}

/** Records read but not counted for any role, by reason. */
export interface UsageSkips {
  /** No `userIdentity`, or no `sessionContext.sessionIssuer.arn` (AWS services, IAM users, root). */
  noIdentity: number;
  noSessionIssuer: number;
  /** Not an object, or without a string eventTime, eventSource or eventName. */
  malformed: number;
  /** Records of roles not asked for. */
  otherRoles: number;
  outsideWindow: number;
  /** Records whose eventID was already counted. */
  duplicates: number;
}

/** One role's usage as plain, sorted data. */
export interface RoleUsageSummary {
  role: string;
  records: number;
  denied: number;
  /** Events that need no permission (sts:GetCallerIdentity). */
  noPermission: number;
  firstSeen: string | null;
  lastSeen: string | null;
  permissions: PermissionUsage[];
  unmapped: UnmappedEvent[];
  services: ServiceEvents[];
  /** Session names: for ECS task roles, the task IDs. */
  sessions: string[];
  /**
   * With a view: the role's records per task or per revision (`part`: the task ID or task definition
   * ARN; '' for the records of tasks the task data does not name), each part as the whole is.
   */
  parts?: RoleUsagePart[];
}

export interface RoleUsagePart extends Omit<RoleUsageSummary, 'role' | 'parts'> {
  part: string;
}

/** The aggregate as typed arrays and a string table (layout: `UsageAggregate.toTransfer`). */
export interface UsageTransfer {
  strings: string[];
  numbers: Float64Array;
  /** 52-bit eventID hashes of the counted records that have one. */
  eventIds: Float64Array;
  /** Per such record, the cells it added to: role, service, flags, unmapped, permission count, permissions. */
  refs: Int32Array;
}

/** Records alike in everything the event map reads, counted elsewhere (an Athena result row). */
export interface RecordGroup {
  /** Distinct records (duplicates by eventID not included). */
  count: number;
  /** Further copies of those records (same eventID). */
  duplicates: number;
  firstSeen: string;
  lastSeen: string;
}

class PermissionCell implements PermissionUsage {
  count = 0;
  denied = 0;
  /** Empty until a record is counted. */
  firstSeen = '';
  lastSeen = '';
  constructor(
    readonly id: number,
    readonly role: number,
    readonly action: string,
    readonly resource: string,
  ) {}

  seenAt(first: string, last: string): void {
    if (this.firstSeen === '' || first < this.firstSeen) this.firstSeen = first;
    if (last > this.lastSeen) this.lastSeen = last;
  }
}

interface UnmappedCell extends UnmappedEvent {
  id: number;
  role: number;
}

interface ServiceCell extends ServiceEvents {
  id: number;
  role: number;
}

class RoleState {
  records = 0;
  denied = 0;
  noPermission = 0;
  firstSeen = '';
  lastSeen = '';
  /** action → resource → cell: two lookups with the mapping's own strings, no key to build. */
  readonly permissions = new Map<string, Map<string, PermissionCell>>();
  /** eventSource → eventName → cell. */
  readonly unmapped = new Map<string, Map<string, UnmappedCell>>();
  readonly services = new Map<string, ServiceCell>();
  /** Session ARNs (`…:assumed-role/ROLE/SESSION`), or principal IDs when there is no ARN. */
  readonly sessions = new Set<string>();
  /** The role ARN, and the view's part ('' without a view): `role` is both, joined by NUL. */
  readonly issuer: string;
  readonly part: string;
  constructor(
    readonly id: number,
    readonly role: string,
  ) {
    const cut = role.indexOf(PART);
    this.issuer = cut < 0 ? role : role.slice(0, cut);
    this.part = cut < 0 ? '' : role.slice(cut + 1);
  }

  seen(first: string, last: string): void {
    if (this.firstSeen === '' || first < this.firstSeen) this.firstSeen = first;
    if (last > this.lastSeen) this.lastSeen = last;
  }
}

const TRANSFER_FORMAT = 2;
/** Between a role ARN and its view part in a state's key (never in an ARN, task ID or task definition ARN). */
const PART = '\u0000';
const SKIP_KEYS: ReadonlyArray<keyof UsageSkips> = [
  'noIdentity',
  'noSessionIssuer',
  'malformed',
  'otherRoles',
  'outsideWindow',
  'duplicates',
];
const DATA = 1;
const DENIED = 2;
const NONE = 4;

function mapSafely(map: EventMapper, record: CloudTrailRecord): { mapping: EventMapping; failed: boolean } {
  try {
    return { mapping: map(record), failed: false };
  } catch (e) {
    const reason = `event mapping failed: ${e instanceof Error ? e.message : String(e)}`;
    return { mapping: { kind: 'unmapped', reason }, failed: true };
  }
}

function sortedBy<T>(items: Iterable<T>, key: (t: T) => string): T[] {
  return [...items].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

function earlier(a: string, b: string): string {
  return a === '' || (b !== '' && b < a) ? b : a;
}

/** One state as a summary: its cells, sorted (no merging, which costs a key per cell). */
function summarizeOne(state: RoleState): Omit<RoleUsageSummary, 'role' | 'parts'> {
  const permissions: PermissionUsage[] = [];
  for (const action of sortedBy(state.permissions.keys(), (a) => a)) {
    for (const p of sortedBy(state.permissions.get(action)!.values(), (c) => c.resource)) {
      if (p.count <= 0) continue; // only after an eventID hash collision
      const { action: a, resource, count, firstSeen, lastSeen, denied } = p;
      permissions.push({ action: a, resource, count, firstSeen, lastSeen, denied });
    }
  }
  const unmapped: UnmappedEvent[] = [];
  for (const source of sortedBy(state.unmapped.keys(), (s) => s)) {
    for (const u of sortedBy(state.unmapped.get(source)!.values(), (c) => c.eventName)) {
      if (u.count > 0)
        unmapped.push({
          eventSource: u.eventSource,
          eventName: u.eventName,
          count: u.count,
          reason: u.reason,
        });
    }
  }
  return {
    records: state.records,
    denied: state.denied,
    noPermission: state.noPermission,
    firstSeen: state.firstSeen || null,
    lastSeen: state.lastSeen || null,
    permissions,
    unmapped,
    services: sortedBy(state.services.values(), (v) => v.eventSource)
      .filter((v) => v.management + v.data > 0)
      .map(({ eventSource, management, data }) => ({ eventSource, management, data })),
    sessions: [...new Set([...state.sessions].map(sessionName))].sort(),
  };
}

/** Several states (a role's parts) as one summary: counts added, times widened, lists merged. */
function summarize(states: readonly RoleState[]): Omit<RoleUsageSummary, 'role' | 'parts'> {
  let records = 0;
  let denied = 0;
  let noPermission = 0;
  let firstSeen = '';
  let lastSeen = '';
  const permissions = new Map<string, PermissionUsage>();
  const unmapped = new Map<string, UnmappedEvent>();
  const services = new Map<string, ServiceEvents>();
  const sessions = new Set<string>();
  if (states.length === 1) return summarizeOne(states[0]!);
  for (const state of states) {
    records += state.records;
    denied += state.denied;
    noPermission += state.noPermission;
    firstSeen = earlier(firstSeen, state.firstSeen);
    if (state.lastSeen > lastSeen) lastSeen = state.lastSeen;
    for (const byResource of state.permissions.values()) {
      for (const p of byResource.values()) {
        if (p.count <= 0) continue; // only after an eventID hash collision
        const key = `${p.action}${PART}${p.resource}`;
        const had = permissions.get(key);
        if (!had) {
          const { action, resource, count, firstSeen: f, lastSeen: l, denied: d } = p;
          permissions.set(key, { action, resource, count, firstSeen: f, lastSeen: l, denied: d });
        } else {
          had.count += p.count;
          had.denied += p.denied;
          had.firstSeen = earlier(had.firstSeen, p.firstSeen);
          if (p.lastSeen > had.lastSeen) had.lastSeen = p.lastSeen;
        }
      }
    }
    for (const byName of state.unmapped.values()) {
      for (const u of byName.values()) {
        if (u.count <= 0) continue;
        const key = `${u.eventSource}${PART}${u.eventName}`;
        const had = unmapped.get(key);
        if (had) had.count += u.count;
        else
          unmapped.set(key, {
            eventSource: u.eventSource,
            eventName: u.eventName,
            count: u.count,
            reason: u.reason,
          });
      }
    }
    for (const v of state.services.values()) {
      const had = services.get(v.eventSource);
      if (had) {
        had.management += v.management;
        had.data += v.data;
      } else
        services.set(v.eventSource, { eventSource: v.eventSource, management: v.management, data: v.data });
    }
    for (const session of state.sessions) sessions.add(sessionName(session));
  }
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    records,
    denied,
    noPermission,
    firstSeen: firstSeen || null,
    lastSeen: lastSeen || null,
    permissions: [...permissions.values()].sort(
      (a, b) => byText(a.action, b.action) || byText(a.resource, b.resource),
    ),
    unmapped: [...unmapped.values()].sort(
      (a, b) => byText(a.eventSource, b.eventSource) || byText(a.eventName, b.eventName),
    ),
    services: sortedBy(services.values(), (v) => v.eventSource).filter((v) => v.management + v.data > 0),
    sessions: [...sessions].sort(),
  };
}

export class UsageAggregate {
  readonly skipped: UsageSkips = {
    noIdentity: 0,
    noSessionIssuer: 0,
    malformed: 0,
    otherRoles: 0,
    outsideWindow: 0,
    duplicates: 0,
  };
  /** Records looked at (every record of every file parsed). */
  recordsRead = 0;
  /** Records whose mapping threw: a bug in the event map, reported rather than fatal. */
  mappingErrors = 0;
  /** eventTime range of the wanted roles' records, window or not: when a cached file result stays valid. */
  matchedFrom = '';
  matchedTo = '';

  private readonly wanted: ReadonlySet<string> | null;
  private readonly since: string | undefined;
  private readonly until: string | undefined;
  private readonly byArn = new Map<string, RoleState>();
  /** role ARN → its states: the whole role's, and one per view part. */
  private readonly byIssuer = new Map<string, RoleState[]>();
  private readonly view: UsageView | undefined;
  /** Every cell by id, so that a record's contribution is a few integers. */
  private readonly roleCells: RoleState[] = [];
  private readonly permissionCells: PermissionCell[] = [];
  private readonly unmappedCells: UnmappedCell[] = [];
  private readonly serviceCells: ServiceCell[] = [];
  /**
   * Per counted record with an eventID: its hash, and in `refs` the cells it added to (role, service,
   * flags, unmapped or -1, permission count, permissions), so that `merge` can take back a record
   * that another file already delivered.
   */
  private readonly eventIds = new Growable(float64(0), float64);
  private readonly refs = new Growable(int32(0), int32);
  /** Scratch references of a record without eventID, which nothing can duplicate. */
  private readonly scratch = new Growable(int32(64), int32);

  constructor(filter: UsageFilter) {
    this.wanted = filter.roles.length > 0 ? new Set(filter.roles) : null;
    this.since = filter.since ? trailTime(filter.since) : undefined;
    this.until = filter.until ? trailTime(filter.until) : undefined;
    this.view = filter.view;
    for (const role of filter.roles) this.role(role);
  }

  private role(arn: string): RoleState {
    let state = this.byArn.get(arn);
    if (!state) {
      state = new RoleState(this.roleCells.length, arn);
      this.roleCells.push(state);
      this.byArn.set(arn, state);
      const siblings = this.byIssuer.get(state.issuer);
      if (siblings) siblings.push(state);
      else this.byIssuer.set(state.issuer, [state]);
    }
    return state;
  }

  /** The state a session's records count in: the role's, or with a view, its task's or revision's part. */
  private stateFor(issuer: string, session: string | undefined): RoleState {
    const view = this.view;
    if (!view || session === undefined) return this.role(issuer);
    const task = sessionName(session);
    const part = view.by === 'task' ? task : (view.tasks[task] ?? '');
    return this.role(part === '' ? issuer : `${issuer}${PART}${part}`);
  }

  private permission(state: RoleState, action: string, resource: string): PermissionCell {
    let byResource = state.permissions.get(action);
    if (!byResource) {
      byResource = new Map();
      state.permissions.set(action, byResource);
    }
    let cell = byResource.get(resource);
    if (!cell) {
      const id = this.permissionCells.length;
      cell = new PermissionCell(id, state.id, action, resource);
      this.permissionCells.push(cell);
      byResource.set(resource, cell);
    }
    return cell;
  }

  private unmappedCell(
    state: RoleState,
    eventSource: string,
    eventName: string,
    reason: string,
  ): UnmappedCell {
    let byName = state.unmapped.get(eventSource);
    if (!byName) {
      byName = new Map();
      state.unmapped.set(eventSource, byName);
    }
    let cell = byName.get(eventName);
    if (!cell) {
      cell = { id: this.unmappedCells.length, role: state.id, eventSource, eventName, count: 0, reason };
      this.unmappedCells.push(cell);
      byName.set(eventName, cell);
    }
    return cell;
  }

  private service(state: RoleState, eventSource: string): ServiceCell {
    let cell = state.services.get(eventSource);
    if (!cell) {
      cell = { id: this.serviceCells.length, role: state.id, eventSource, management: 0, data: 0 };
      this.serviceCells.push(cell);
      state.services.set(eventSource, cell);
    }
    return cell;
  }

  /**
   * Counts the records (one file's, typically). With `seen`, a record whose eventID is in it is
   * dropped as a duplicate and the others' IDs are added. Without it, every record is counted and its
   * eventID kept, so that `merge` into the total drops duplicates, within files and across them.
   */
  addRecords(records: readonly unknown[], map: EventMapper, seen?: SeenEventIds): void {
    for (const record of records) this.addRecord(record, map, seen);
  }

  private addRecord(raw: unknown, map: EventMapper, seen: SeenEventIds | undefined): void {
    this.recordsRead++;
    if (raw === null || typeof raw !== 'object') {
      this.skipped.malformed++;
      return;
    }
    const record = raw as CloudTrailRecord;
    const identity = record.userIdentity;
    if (identity === null || typeof identity !== 'object') {
      this.skipped.noIdentity++;
      return;
    }
    const issuer = identity.sessionContext?.sessionIssuer?.arn;
    if (typeof issuer !== 'string' || issuer === '') {
      this.skipped.noSessionIssuer++;
      return;
    }
    if (this.wanted && !this.wanted.has(issuer)) {
      this.skipped.otherRoles++;
      return;
    }
    const time = typeof record.eventTime === 'string' ? trailTime(record.eventTime) : undefined;
    const { eventSource, eventName } = record;
    if (time === undefined || typeof eventSource !== 'string' || typeof eventName !== 'string') {
      this.skipped.malformed++;
      return;
    }
    this.widen(time, time);
    if ((this.since !== undefined && time < this.since) || (this.until !== undefined && time > this.until)) {
      this.skipped.outsideWindow++;
      return;
    }
    let hash = -1;
    if (typeof record.eventID === 'string') {
      hash = hashEventId(record.eventID);
      if (seen && !firstTime(seen, hash)) {
        this.skipped.duplicates++;
        return;
      }
    }
    const { mapping, failed } = mapSafely(map, record);
    if (failed) this.mappingErrors++;
    const session = typeof identity.arn === 'string' ? identity.arn : identity.principalId;
    const state = this.stateFor(issuer, typeof session === 'string' ? session : undefined);
    state.seen(time, time);
    if (typeof session === 'string') state.sessions.add(session);
    const flags =
      (isDataEvent(record) ? DATA : 0) |
      (isDeniedErrorCode(record.errorCode) ? DENIED : 0) |
      (mapping.kind === 'none' ? NONE : 0);
    const service = this.service(state, eventSource);
    const unmapped =
      mapping.kind === 'unmapped' ? this.unmappedCell(state, eventSource, eventName, mapping.reason).id : -1;
    const out = hash === -1 ? this.scratch : this.refs;
    if (hash === -1) out.length = 0;
    const start = out.length;
    const n = mapping.kind === 'mapped' ? mapping.permissions.length : 0;
    const refs = out.reserve(5 + n);
    refs[start] = state.id;
    refs[start + 1] = service.id;
    refs[start + 2] = flags;
    refs[start + 3] = unmapped;
    refs[start + 4] = n;
    if (mapping.kind === 'mapped') {
      let at = start + 5;
      for (const p of mapping.permissions) {
        const cell = this.permission(state, p.action, p.resource);
        cell.seenAt(time, time);
        refs[at++] = cell.id;
      }
    }
    out.length = start + 5 + n;
    this.apply(refs, start, 1);
    if (hash !== -1) this.eventIds.push(hash);
  }

  /**
   * Counts `group.count` records like `record` (same role, event, request fields the map reads,
   * resources, denial, category): the Athena path, where the query has already filtered, windowed
   * and deduplicated. Nothing is kept for a later merge to deduplicate against.
   */
  addGroup(record: CloudTrailRecord, map: EventMapper, group: RecordGroup): void {
    const issuer = record.userIdentity?.sessionContext?.sessionIssuer?.arn;
    const first = trailTime(group.firstSeen);
    const last = trailTime(group.lastSeen);
    if (!issuer || first === undefined || last === undefined || group.count <= 0) return;
    this.recordsRead += group.count + group.duplicates;
    this.skipped.duplicates += group.duplicates;
    this.widen(first, last);
    const { mapping, failed } = mapSafely(map, record);
    if (failed) this.mappingErrors += group.count;
    const state = this.stateFor(issuer, record.userIdentity?.arn);
    state.seen(first, last);
    const service = this.service(state, record.eventSource);
    const denied = isDeniedErrorCode(record.errorCode);
    const n = group.count;
    state.records += n;
    if (denied) state.denied += n;
    if (mapping.kind === 'none') state.noPermission += n;
    if (isDataEvent(record)) service.data += n;
    else service.management += n;
    if (mapping.kind === 'unmapped')
      this.unmappedCell(state, record.eventSource, record.eventName, mapping.reason).count += n;
    if (mapping.kind === 'mapped') {
      for (const p of mapping.permissions) {
        const cell = this.permission(state, p.action, p.resource);
        cell.seenAt(first, last);
        cell.count += n;
        if (denied) cell.denied += n;
      }
    }
  }

  /** A session (`…:assumed-role/ROLE/SESSION`, or a principal ID) of a role, counted elsewhere. */
  addSession(role: string, session: string): void {
    this.stateFor(role, session).sessions.add(session);
  }

  private widen(from: string, to: string): void {
    if (from !== '' && (this.matchedFrom === '' || from < this.matchedFrom)) this.matchedFrom = from;
    if (to > this.matchedTo) this.matchedTo = to;
  }

  /** Adds (`sign` 1) or takes back (-1) the record whose cells `refs` lists from `at`; returns the next index. */
  private apply(refs: ArrayLike<number>, at: number, sign: 1 | -1): number {
    const state = this.roleCells[refs[at]!]!;
    const service = this.serviceCells[refs[at + 1]!]!;
    const flags = refs[at + 2]!;
    const unmapped = refs[at + 3]!;
    const n = refs[at + 4]!;
    const denied = (flags & DENIED) !== 0;
    state.records += sign;
    if (denied) state.denied += sign;
    if (flags & NONE) state.noPermission += sign;
    if (flags & DATA) service.data += sign;
    else service.management += sign;
    if (unmapped >= 0) this.unmappedCells[unmapped]!.count += sign;
    for (let i = at + 5; i < at + 5 + n; i++) {
      const cell = this.permissionCells[refs[i]!]!;
      cell.count += sign;
      if (denied) cell.denied += sign;
    }
    return at + 5 + n;
  }

  /**
   * Adds another aggregate (one file's, or a worker's) built with the same filter; see `mergeTransfer`.
   */
  merge(other: UsageAggregate, seen?: SeenEventIds): this {
    return this.mergeTransfer(other.toTransfer(), seen);
  }

  /** Counted records whose eventIDs are kept for a later merge to drop duplicates. */
  get keptEventIds(): number {
    return this.eventIds.length;
  }

  /** Records counted across roles. */
  get records(): number {
    let n = 0;
    for (const r of this.roleCells) n += r.records;
    return n;
  }

  summary(role: string): RoleUsageSummary | undefined {
    const states = this.byIssuer.get(role);
    if (!states) return undefined;
    const summary: RoleUsageSummary = { role, ...summarize(states) };
    if (this.view) {
      summary.parts = sortedBy(
        states.filter((s) => s.records > 0 && (s.part !== '' || states.length > 1)),
        (s) => s.part,
      ).map((s) => ({ part: s.part, ...summarize([s]) }));
    }
    return summary;
  }

  /** The summaries of the roles asked for, and of every other role with records; sorted by ARN. */
  summaries(): RoleUsageSummary[] {
    // A role asked for is listed even without records; others only when some were counted.
    const listed = [...this.byIssuer].filter(
      ([role, states]) => states.some((s) => s.records > 0) || this.wanted?.has(role),
    );
    return sortedBy(listed, ([role]) => role).map(([role]) => this.summary(role)!);
  }

  /**
   * The aggregate as numbers and strings. Layout of `numbers` (s = index into `strings`, -1 for none):
   * FORMAT, recordsRead, mappingErrors, the six skip counts, matchedFrom s, matchedTo s; then counted
   * lists, each cell in id order: roles (role s, records, denied, noPermission, firstSeen s, lastSeen
   * s, session count, sessions s), permissions (role, action s, resource s, count, denied, firstSeen
   * s, lastSeen s), unmapped events (role, eventSource s, eventName s, count, reason s), services
   * (role, eventSource s, management, data).
   */
  toTransfer(): UsageTransfer {
    const strings: string[] = [];
    const index = new Map<string, number>();
    /** Interned: names and times repeat across cells. */
    const s = (v: string): number => {
      if (v === '') return -1;
      let i = index.get(v);
      if (i === undefined) {
        i = strings.push(v) - 1;
        index.set(v, i);
      }
      return i;
    };
    /** Not interned: resources and sessions are nearly all distinct, hashing them would be wasted. */
    const u = (v: string): number => strings.push(v) - 1;
    let sessions = 0;
    for (const r of this.roleCells) sessions += r.sessions.size;
    const n = new Float64Array(
      12 +
        7 * this.roleCells.length +
        sessions +
        1 +
        7 * this.permissionCells.length +
        1 +
        5 * this.unmappedCells.length +
        1 +
        4 * this.serviceCells.length,
    );
    let at = 0;
    const put = (...values: number[]) => {
      for (const v of values) n[at++] = v;
    };
    put(TRANSFER_FORMAT, this.recordsRead, this.mappingErrors);
    for (const k of SKIP_KEYS) put(this.skipped[k]);
    put(s(this.matchedFrom), s(this.matchedTo), this.roleCells.length);
    for (const r of this.roleCells) {
      put(s(r.role), r.records, r.denied, r.noPermission, s(r.firstSeen), s(r.lastSeen), r.sessions.size);
      for (const v of r.sessions) n[at++] = u(v);
    }
    n[at++] = this.permissionCells.length;
    for (const p of this.permissionCells) {
      n[at] = p.role;
      n[at + 1] = s(p.action);
      n[at + 2] = u(p.resource);
      n[at + 3] = p.count;
      n[at + 4] = p.denied;
      n[at + 5] = s(p.firstSeen);
      n[at + 6] = s(p.lastSeen);
      at += 7;
    }
    n[at++] = this.unmappedCells.length;
    for (const c of this.unmappedCells) put(c.role, s(c.eventSource), s(c.eventName), c.count, s(c.reason));
    n[at++] = this.serviceCells.length;
    for (const v of this.serviceCells) put(v.role, s(v.eventSource), v.management, v.data);
    if (at !== n.length) throw new Error('usage transfer: layout mismatch');
    return {
      strings,
      numbers: n,
      eventIds: this.eventIds.view().slice(),
      refs: this.refs.view().slice(),
    };
  }

  /** The aggregate `toTransfer` packed; `filter` must be the one it was built with. Throws on a damaged one. */
  static fromTransfer(t: UsageTransfer, filter: UsageFilter): UsageAggregate {
    return new UsageAggregate(filter).mergeTransfer(t);
  }

  /**
   * Adds an aggregate in its transfer form (one file's, or a worker's), built with the same filter,
   * without building it first. With `seen`, the eventIDs of its records are checked against it and
   * added to it: a record already counted (delivered twice, in one file or two) is taken back out.
   * Without it, the eventIDs are kept so that a later merge can still drop duplicates. Throws on a
   * damaged transfer, leaving this aggregate partly merged: check untrusted ones with `fromTransfer`.
   */
  mergeTransfer(t: UsageTransfer, seen?: SeenEventIds): this {
    const n = t.numbers;
    let at = 0;
    const num = (): number => {
      if (at >= n.length) throw new Error('usage transfer: truncated');
      return n[at++]!;
    };
    const str = (): string => {
      const i = num();
      if (i === -1) return '';
      const v = t.strings[i];
      if (v === undefined) throw new Error(`usage transfer: no string ${i}`);
      return v;
    };
    if (num() !== TRANSFER_FORMAT) throw new Error('usage transfer: unknown format');
    this.recordsRead += num();
    this.mappingErrors += num();
    for (const k of SKIP_KEYS) this.skipped[k] += num();
    this.widen(str(), str());
    // Its cell ids → this aggregate's.
    const roleIds = new Int32Array(num());
    const roleAt = (): RoleState => {
      const i = num();
      if (!(i >= 0 && i < roleIds.length)) throw new Error('usage transfer: no such role');
      return this.roleCells[roleIds[i]!]!;
    };
    for (let k = 0; k < roleIds.length; k++) {
      const mine = this.role(str());
      roleIds[k] = mine.id;
      mine.records += num();
      mine.denied += num();
      mine.noPermission += num();
      const [first, last] = [str(), str()];
      if (first !== '') mine.seen(first, last);
      for (let i = num(); i > 0; i--) mine.sessions.add(str());
    }
    const permissionIds = new Int32Array(num());
    for (let k = 0; k < permissionIds.length; k++) {
      const state = roleAt();
      const [action, resource, count, denied, firstSeen, lastSeen] = [
        str(),
        str(),
        num(),
        num(),
        str(),
        str(),
      ];
      const cell = this.permission(state, action, resource);
      permissionIds[k] = cell.id;
      cell.count += count;
      cell.denied += denied;
      if (firstSeen !== '') cell.seenAt(firstSeen, lastSeen);
    }
    const unmappedIds = new Int32Array(num());
    for (let k = 0; k < unmappedIds.length; k++) {
      const state = roleAt();
      const [eventSource, eventName, count, reason] = [str(), str(), num(), str()];
      const cell = this.unmappedCell(state, eventSource, eventName, reason);
      unmappedIds[k] = cell.id;
      cell.count += count;
    }
    const serviceIds = new Int32Array(num());
    for (let k = 0; k < serviceIds.length; k++) {
      const cell = this.service(roleAt(), str());
      serviceIds[k] = cell.id;
      cell.management += num();
      cell.data += num();
    }
    if (at !== n.length) throw new Error('usage transfer: trailing numbers');

    const refs = t.refs;
    const bad = () => new Error('usage transfer: bad record reference');
    const mapped = new Int32Array(5 + 64);
    for (let i = 0, r = 0; i < t.eventIds.length; i++) {
      const hash = t.eventIds[i]!;
      if (r + 5 > refs.length) throw bad();
      const count = refs[r + 4]!;
      const unmapped = refs[r + 3]!;
      if (
        !(refs[r]! >= 0 && refs[r]! < roleIds.length) ||
        !(refs[r + 1]! >= 0 && refs[r + 1]! < serviceIds.length) ||
        unmapped >= unmappedIds.length ||
        r + 5 + count > refs.length
      ) {
        throw bad();
      }
      const record = count + 5 <= mapped.length ? mapped : new Int32Array(5 + count);
      record[0] = roleIds[refs[r]!]!;
      record[1] = serviceIds[refs[r + 1]!]!;
      record[2] = refs[r + 2]!;
      record[3] = unmapped >= 0 ? unmappedIds[unmapped]! : -1;
      record[4] = count;
      for (let k = 0; k < count; k++) {
        const id = permissionIds[refs[r + 5 + k]!];
        if (id === undefined) throw bad();
        record[5 + k] = id;
      }
      r += 5 + count;
      if (!seen) {
        this.eventIds.push(hash);
        const out = this.refs.reserve(5 + count);
        out.set(record.subarray(0, 5 + count), this.refs.length);
        this.refs.length += 5 + count;
      } else if (!firstTime(seen, hash)) {
        this.apply(record, 0, -1);
        this.skipped.duplicates++;
      }
    }
    return this;
  }
}
