import type { InputError } from '../model/errors.js';
import type { Located } from '../model/location.js';
import type { Effect, PolicyDocument, Statement } from '../model/policy.js';
import { type JsonNode, type JsonObject, parseJsonLocated } from './json-located.parse.js';
import { conditionBlock, principalBlock, stringList } from './policy-utils/elements.js';
import { describe, knownEntries, type Reporter, report, typeError } from './policy-utils/report.js';
import { unwrapPolicy } from './policy-utils/unwrap.js';

export { POLICY_WRAPPERS, type PolicyWrapper } from './policy-utils/unwrap.js';

export interface PolicyParseResult {
  /** The document, when the text could be read as a policy (possibly with problems). */
  document?: PolicyDocument;
  /**
   * Problems: fatal ones (no document) and statement-level ones (document still returned; the bad
   * statement is left out of `statements` or the bad element ignored).
   */
  errors: InputError[];
}

const VERSIONS = ['2012-10-17', '2008-10-17'];
const DOCUMENT_ELEMENTS = ['Version', 'Id', 'Statement'] as const;
const STATEMENT_ELEMENTS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
] as const;
type StatementElement = (typeof STATEMENT_ELEMENTS)[number];

/** Reads an IAM policy, bare or in one of the wrappers users paste (see `POLICY_WRAPPERS`). */
export function parsePolicy(text: string, file: string): PolicyParseResult {
  const json = parseJsonLocated(text, file);
  if (!json.ok) return { errors: json.errors };
  return parsePolicyNode(json.value, file);
}

/** For formats that embed a policy: `node` may be a document, a wrapper, or a string holding either. */
export function parsePolicyNode(node: JsonNode, file: string): PolicyParseResult {
  const unwrapped = unwrapPolicy(node);
  if (!unwrapped.ok) return { errors: unwrapped.errors };
  const r: Reporter = { file, errors: [] };
  const doc = unwrapped.value.node;
  if (doc.kind !== 'object') {
    typeError(r, doc, 'the policy document to be an object');
    return { errors: r.errors };
  }
  const document = parseDocument(r, doc, unwrapped.value.wrapper);
  return { document, errors: r.errors };
}

function parseDocument(r: Reporter, obj: JsonObject, wrapper: string): PolicyDocument {
  const { byKey, suggested } = knownEntries(r, obj, DOCUMENT_ELEMENTS, 'policy element');
  const document: PolicyDocument = { statements: [], loc: obj.loc, wrapper };

  const version = byKey.get('Version')?.value;
  if (version) {
    if (version.kind === 'string' && VERSIONS.includes(version.value)) {
      document.version = { value: version.value, loc: version.loc };
    } else if (version.kind === 'string') {
      report(r, version.loc, `expected "2012-10-17" or "2008-10-17", got ${describe(version)}`);
    } else {
      typeError(r, version, 'the string "2012-10-17"');
    }
  }

  const id = byKey.get('Id')?.value;
  if (id) {
    if (id.kind === 'string') document.id = { value: id.value, loc: id.loc };
    else typeError(r, id, 'a string');
  }

  const statement = byKey.get('Statement')?.value;
  if (!statement) {
    if (!suggested.has('Statement')) report(r, obj.loc, 'the policy has no "Statement"');
  } else if (statement.kind === 'object') {
    pushStatement(r, document, statement, 0);
  } else if (statement.kind === 'array') {
    // AWS refuses to store a policy without statements.
    if (statement.items.length === 0) report(r, statement.loc, 'expected at least one statement, got []');
    statement.items.forEach((item, i) => {
      if (item.kind === 'object') pushStatement(r, document, item, i);
      else typeError(r, item, 'a statement object');
    });
  } else {
    typeError(r, statement, 'a statement object or an array of statements');
  }
  return document;
}

function pushStatement(r: Reporter, document: PolicyDocument, obj: JsonObject, index: number): void {
  const s = parseStatement(r, obj, index);
  if (s) document.statements.push(s);
}

/**
 * Returns undefined when the statement's meaning is uncertain (bad Effect, Action, Resource,
 * Principal or Condition): analysing a guess would be worse than reporting and skipping it.
 * Problems that do not change what it grants (Sid, unknown or duplicate keys) only drop that element.
 */
function parseStatement(r: Reporter, obj: JsonObject, index: number): Statement | undefined {
  const { byKey, suggested } = knownEntries(r, obj, STATEMENT_ELEMENTS, 'statement element');
  const get = (k: StatementElement) => byKey.get(k)?.value;
  let meaningKnown = true;
  const missing = (message: string, ...keys: StatementElement[]) => {
    meaningKnown = false;
    if (!keys.some((k) => suggested.has(k))) report(r, obj.loc, message);
  };
  const exclusive = (a: StatementElement, b: StatementElement): boolean => {
    const second = byKey.get(b);
    if (!byKey.has(a) || !second) return false;
    report(r, second.keyLoc, `a statement takes ${JSON.stringify(a)} or ${JSON.stringify(b)}, not both`);
    meaningKnown = false;
    return true;
  };
  const statement: Statement = {
    index,
    effect: { value: 'Allow', loc: obj.loc },
    condition: [],
    loc: obj.loc,
  };

  const sid = get('Sid');
  if (sid) {
    if (sid.kind === 'string') statement.sid = { value: sid.value, loc: sid.loc };
    else typeError(r, sid, 'a string');
  }

  const effect = get('Effect');
  if (!effect) missing('the statement has no "Effect"; expected "Allow" or "Deny"', 'Effect');
  else {
    const e = parseEffect(r, effect);
    if (e) statement.effect = e;
    else meaningKnown = false;
  }

  if (!exclusive('Action', 'NotAction')) {
    if (!byKey.has('Action') && !byKey.has('NotAction')) {
      missing('the statement has no "Action" or "NotAction"', 'Action', 'NotAction');
    }
  }
  exclusive('Resource', 'NotResource');
  exclusive('Principal', 'NotPrincipal');

  for (const [key, field] of [
    ['Action', 'action'],
    ['NotAction', 'notAction'],
    ['Resource', 'resource'],
    ['NotResource', 'notResource'],
  ] as const) {
    const node = get(key);
    if (!node) continue;
    const list = stringList(r, node);
    if (list) statement[field] = list;
    else meaningKnown = false;
  }

  for (const [key, field] of [
    ['Principal', 'principal'],
    ['NotPrincipal', 'notPrincipal'],
  ] as const) {
    const node = get(key);
    if (!node) continue;
    const block = principalBlock(r, node);
    if (block) statement[field] = block;
    else meaningKnown = false;
  }

  const condition = get('Condition');
  if (condition) {
    const clauses = conditionBlock(r, condition);
    if (clauses) statement.condition = clauses;
    else meaningKnown = false;
  }

  return meaningKnown ? statement : undefined;
}

function parseEffect(r: Reporter, node: JsonNode): Located<Effect> | undefined {
  if (node.kind === 'string' && (node.value === 'Allow' || node.value === 'Deny')) {
    return { value: node.value, loc: node.loc };
  }
  const caseOnly = node.kind === 'string' && ['allow', 'deny'].includes(node.value.toLowerCase());
  report(
    r,
    node.loc,
    `expected "Allow" or "Deny", got ${describe(node)}${caseOnly ? ' (Effect is case-sensitive)' : ''}`,
  );
  return undefined;
}
