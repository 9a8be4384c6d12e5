/**
 * Principal / NotPrincipal matching (IAM UG, "AWS JSON policy elements: Principal"): account ids
 * and `:root` ARNs name the account, role ARNs name the role (and so its sessions), session ARNs
 * one session; no partial wildcards exist, only `*`.
 */
import type { Principal, PrincipalBlock } from '../../model/index.js';

/** How a resource policy named the caller: decides whether the grant stands on its own (same account). */
export type PrincipalMatch = 'wildcard' | 'account' | 'role' | 'session' | 'user' | 'service' | 'federated';

const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):root$/;

/** A Principal entry with the account it names (if it names one) worked out once per policy. */
interface ParsedEntry {
  type: PrincipalBlock['entries'][number]['type'];
  value: string;
  account: string | undefined;
}

const parsedBlocks = new WeakMap<PrincipalBlock, ParsedEntry[]>();

function parsed(block: PrincipalBlock): ParsedEntry[] {
  let entries = parsedBlocks.get(block);
  if (!entries) {
    entries = block.entries.map(({ type, value }) => ({
      type,
      value: value.value,
      account:
        type === 'AWS'
          ? ACCOUNT_ID.test(value.value)
            ? value.value
            : ROOT_ARN.exec(value.value)?.[1]
          : undefined,
    }));
    parsedBlocks.set(block, entries);
  }
  return entries;
}

function matchAws(value: string, account: string | undefined, p: Principal): PrincipalMatch | null {
  if (value === '*') return 'wildcard';
  if (account !== undefined)
    return p.account === account && p.type !== 'Service' && p.type !== 'Anonymous' ? 'account' : null;
  if (value === p.arn) {
    if (p.type === 'AssumedRole') return 'session';
    if (p.type === 'Role') return 'role';
    if (p.type === 'User') return 'user';
    if (p.type === 'FederatedUser') return 'federated';
    if (p.type === 'Root') return 'account';
    return null;
  }
  // A role ARN names every session of the role (the session's aws:PrincipalArn is the role ARN).
  if (p.type === 'AssumedRole' && p.roleArn !== undefined && value === p.roleArn) return 'role';
  return null;
}

/** The strongest way the block names the principal, or null. */
export function principalMatch(block: PrincipalBlock, p: Principal): PrincipalMatch | null {
  if (block.wildcard) return 'wildcard';
  let best: PrincipalMatch | null = null;
  for (const { type, value, account } of parsed(block)) {
    let m: PrincipalMatch | null = null;
    if (type === 'AWS') m = matchAws(value, account, p);
    else if (type === 'Service') m = p.type === 'Service' && value === p.arn ? 'service' : null;
    else if (type === 'Federated') m = p.type === 'FederatedUser' && value === p.arn ? 'federated' : null;
    if (m === null) continue;
    if (best === null || rank(m) > rank(best)) best = m;
  }
  return best;
}

/** Prefer the match that grants most on its own: a named session or user over a role over the account. */
function rank(m: PrincipalMatch): number {
  return { account: 0, role: 1, wildcard: 2, federated: 2, service: 3, user: 3, session: 3 }[m];
}

/**
 * NotPrincipal (Deny only) applies unless the caller is excluded at every level AWS checks: "AWS
 * first checks the account, then the role, then the assumed-role user", so the account must be
 * listed together with the role or session (IAM UG, "NotPrincipal"; its example lists the session,
 * the role and the account). It "will always deny any IAM principal that has a permissions
 * boundary policy attached", whatever it lists.
 */
export function notPrincipalApplies(block: PrincipalBlock, p: Principal, hasBoundary: boolean): boolean {
  if (block.wildcard) return false;
  if (hasBoundary && p.type !== 'Service' && p.type !== 'Anonymous') return true;
  const listed = (v: string) =>
    block.entries.some((e) => e.type === 'AWS' && (e.value.value === v || e.value.value === '*'));
  const service = block.entries.some((e) => e.type === 'Service' && e.value.value === p.arn);
  if (p.type === 'Service') return !service;
  if (p.type === 'Anonymous') return !listed('*');
  const account = p.account !== undefined && (listed(p.account) || listed(`arn:aws:iam::${p.account}:root`));
  if (!account) return true;
  if (p.type === 'Root') return false;
  if (p.type === 'AssumedRole') return !(listed(p.arn) || (p.roleArn !== undefined && listed(p.roleArn)));
  return !listed(p.arn);
}
