/**
 * `scopedown test CASES.json` input (contract: `{"cases": [...]}`, optional shared `policySets`
 * and `principals`). Every problem is reported with its pointer and line; a case with problems is
 * left out, the others still run.
 */
import type { Decision, InputError, Location, PolicyDocument, Principal } from '../model/index.js';
import { type JsonNode, type JsonObject, parseJsonLocated } from './json-located.parse.js';
import { parsePolicyNode } from './policy.parse.js';
import { knownEntries, type Reporter, report, typeError } from './policy-utils/report.js';

export type ResourceKindName = 'generic' | 'kms:key' | 'iam:role-trust';

export interface NamedDocument {
  name: string;
  document: PolicyDocument;
}

export interface PolicySetSpec {
  /** Cases naming the same set share one compiled set. */
  key: string;
  identity: NamedDocument[];
  permissionsBoundary: NamedDocument | null;
  sessionPolicy: NamedDocument | null;
  resourcePolicy: NamedDocument | null;
  resourceKind: ResourceKindName;
  scps: NamedDocument[][] | null;
  rcps: NamedDocument[][] | null;
}

export interface TestCase {
  id: string;
  loc: Location;
  principal: Principal;
  action: string;
  resource: string;
  resourceAccount?: string;
  context: Record<string, string | string[]>;
  policies: PolicySetSpec;
  expect?: Decision;
}

export interface TestCasesParseResult {
  cases: TestCase[];
  errors: InputError[];
}

const DECISIONS: readonly Decision[] = ['Allow', 'ImplicitDeny', 'ExplicitDeny'];
const PRINCIPAL_TYPES: readonly Principal['type'][] = [
  'AssumedRole',
  'Role',
  'User',
  'FederatedUser',
  'Root',
  'Service',
  'Anonymous',
];
const KINDS: readonly ResourceKindName[] = ['generic', 'kms:key', 'iam:role-trust'];

export function parseTestCases(text: string, file: string): TestCasesParseResult {
  const json = parseJsonLocated(text, file);
  if (!json.ok) return { cases: [], errors: json.errors };
  const r: Reporter = { file, errors: [] };
  const root = json.value;
  if (root.kind !== 'object') {
    typeError(r, root, 'an object {"cases": [...]}');
    return { cases: [], errors: r.errors };
  }
  const top = knownEntries(r, root, ['cases', 'policySets', 'principals'] as const, 'top-level key').byKey;
  const sets = new Map<string, PolicySetSpec | null>();
  for (const e of objectEntries(r, top.get('policySets')?.value))
    sets.set(e.key, policySet(r, e.value, `policySets/${e.key}`));
  const principals = new Map<string, Principal | null>();
  for (const e of objectEntries(r, top.get('principals')?.value))
    principals.set(e.key, principal(r, e.value));
  const casesNode = top.get('cases')?.value;
  if (casesNode?.kind !== 'array') {
    if (casesNode) typeError(r, casesNode, 'an array of cases');
    else report(r, root.loc, 'missing "cases": expected {"cases": [...]}');
    return { cases: [], errors: r.errors };
  }
  const cases: TestCase[] = [];
  const ids = new Set<string>();
  casesNode.items.forEach((node, i) => {
    const before = r.errors.length;
    const c = testCase(r, node, i, sets, principals);
    if (c && ids.has(c.id)) report(r, node.loc, `duplicate case id ${JSON.stringify(c.id)}`);
    if (c && r.errors.length === before) {
      ids.add(c.id);
      cases.push(c);
    }
  });
  return { cases, errors: r.errors };
}

function objectEntries(r: Reporter, node: JsonNode | undefined) {
  if (!node) return [];
  if (node.kind !== 'object') {
    typeError(r, node, 'an object of named entries');
    return [];
  }
  return node.entries;
}

function str(r: Reporter, node: JsonNode | undefined, what: string, parent: JsonObject): string | undefined {
  if (!node) {
    report(r, parent.loc, `missing "${what}"`);
    return undefined;
  }
  if (node.kind !== 'string' || node.value === '') {
    typeError(r, node, `"${what}" to be a non-empty string`);
    return undefined;
  }
  return node.value;
}

function testCase(
  r: Reporter,
  node: JsonNode,
  index: number,
  sets: Map<string, PolicySetSpec | null>,
  principals: Map<string, Principal | null>,
): TestCase | undefined {
  if (node.kind !== 'object') {
    typeError(r, node, 'a case object');
    return undefined;
  }
  const known = [
    'id',
    'principal',
    'action',
    'resource',
    'resourceAccount',
    'context',
    'policies',
    'expect',
  ] as const;
  const e = knownEntries(r, node, known, 'case key').byKey;
  const id = e.get('id') ? str(r, e.get('id')?.value, 'id', node) : `case-${index}`;
  const action = str(r, e.get('action')?.value, 'action', node);
  const resource = str(r, e.get('resource')?.value, 'resource', node);
  const pNode = e.get('principal')?.value;
  let who: Principal | null | undefined;
  if (!pNode) report(r, node.loc, 'missing "principal"');
  else if (pNode.kind === 'string') {
    who = principals.get(pNode.value);
    if (who === undefined)
      report(r, pNode.loc, `no principal named ${JSON.stringify(pNode.value)} in "principals"`);
  } else who = principal(r, pNode);
  const setNode = e.get('policies')?.value;
  let set: PolicySetSpec | null | undefined;
  if (!setNode) report(r, node.loc, 'missing "policies"');
  else if (setNode.kind === 'string') {
    set = sets.get(setNode.value);
    if (set === undefined)
      report(r, setNode.loc, `no policy set named ${JSON.stringify(setNode.value)} in "policySets"`);
  } else set = policySet(r, setNode, `cases/${index}`);
  const context = contextOf(r, e.get('context')?.value);
  let expect: Decision | undefined;
  const expNode = e.get('expect')?.value;
  if (expNode) {
    if (expNode.kind === 'string' && (DECISIONS as readonly string[]).includes(expNode.value))
      expect = expNode.value as Decision;
    else typeError(r, expNode, `"expect" to be one of ${DECISIONS.join(', ')}`);
  }
  const accountNode = e.get('resourceAccount')?.value;
  const resourceAccount = accountNode ? str(r, accountNode, 'resourceAccount', node) : undefined;
  if (!id || !action || !resource || !who || !set) return undefined;
  const c: TestCase = { id, loc: node.loc, principal: who, action, resource, context, policies: set };
  if (expect) c.expect = expect;
  if (resourceAccount) c.resourceAccount = resourceAccount;
  return c;
}

function principal(r: Reporter, node: JsonNode): Principal | null {
  if (node.kind !== 'object') {
    typeError(r, node, 'a principal object {"type", "arn", ...}');
    return null;
  }
  const e = knownEntries(
    r,
    node,
    ['type', 'arn', 'roleArn', 'account', 'userid', 'tags'] as const,
    'principal key',
  ).byKey;
  const type = str(r, e.get('type')?.value, 'type', node);
  const arn = str(r, e.get('arn')?.value, 'arn', node);
  if (type && !(PRINCIPAL_TYPES as readonly string[]).includes(type)) {
    report(
      r,
      e.get('type')!.value.loc,
      `unknown principal type ${JSON.stringify(type)}; expected one of ${PRINCIPAL_TYPES.join(', ')}`,
    );
    return null;
  }
  if (!type || !arn) return null;
  const p: Principal = { type: type as Principal['type'], arn };
  for (const k of ['roleArn', 'account', 'userid'] as const) {
    const v = e.get(k)?.value;
    if (v) {
      const s = str(r, v, k, node);
      if (s) p[k] = s;
    }
  }
  const tags = e.get('tags')?.value;
  if (tags) {
    p.tags = {};
    for (const t of objectEntries(r, tags)) {
      if (t.value.kind === 'string') p.tags[t.key] = t.value.value;
      else typeError(r, t.value, 'a tag value string');
    }
  }
  return p;
}

function contextOf(r: Reporter, node: JsonNode | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const e of objectEntries(r, node)) {
    const v = e.value;
    if (v.kind === 'string' || v.kind === 'number' || v.kind === 'boolean') out[e.key] = String(v.value);
    else if (
      v.kind === 'array' &&
      v.items.every((i) => i.kind === 'string' || i.kind === 'number' || i.kind === 'boolean')
    ) {
      out[e.key] = v.items.map((i) => String((i as { value: string | number | boolean }).value));
    } else typeError(r, v, 'a context value: a string, number, boolean or an array of them');
  }
  return out;
}

function policySet(r: Reporter, node: JsonNode, key: string): PolicySetSpec | null {
  if (node.kind !== 'object') {
    typeError(r, node, 'a policies object');
    return null;
  }
  const known = [
    'identity',
    'permissionsBoundary',
    'sessionPolicy',
    'resourcePolicy',
    'resourceKind',
    'scps',
    'rcps',
  ] as const;
  const e = knownEntries(r, node, known, 'policies key').byKey;
  const doc = (n: JsonNode | undefined): NamedDocument | null => {
    if (!n || n.kind === 'null') return null;
    const parsed = parsePolicyNode(n, r.file);
    r.errors.push(...parsed.errors);
    return parsed.document && parsed.errors.length === 0
      ? { name: `${r.file}#${n.loc.pointer}`, document: parsed.document }
      : null;
  };
  const list = (n: JsonNode | undefined): NamedDocument[] => {
    if (!n) return [];
    if (n.kind !== 'array') {
      typeError(r, n, 'an array of policy documents');
      return [];
    }
    return n.items.flatMap((i) => doc(i) ?? []);
  };
  const levels = (n: JsonNode | undefined): NamedDocument[][] | null => {
    if (!n || n.kind === 'null') return null;
    if (n.kind !== 'array' || n.items.some((l) => l.kind !== 'array')) {
      typeError(r, n, 'a list of levels (root, OUs..., account), each a list of policy documents, or null');
      return null;
    }
    return n.items.map((l) => list(l));
  };
  const kindNode = e.get('resourceKind')?.value;
  let resourceKind: ResourceKindName = 'generic';
  if (kindNode) {
    if (kindNode.kind === 'string' && (KINDS as readonly string[]).includes(kindNode.value))
      resourceKind = kindNode.value as ResourceKindName;
    else typeError(r, kindNode, `"resourceKind" to be one of ${KINDS.join(', ')}`);
  }
  return {
    key,
    identity: list(e.get('identity')?.value),
    permissionsBoundary: doc(e.get('permissionsBoundary')?.value),
    sessionPolicy: doc(e.get('sessionPolicy')?.value),
    resourcePolicy: doc(e.get('resourcePolicy')?.value),
    resourceKind,
    scps: levels(e.get('scps')?.value),
    rcps: levels(e.get('rcps')?.value),
  };
}
