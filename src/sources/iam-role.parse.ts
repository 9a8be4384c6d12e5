/**
 * `aws iam get-role` output → inventory. So that a role can be audited from one file, the file may
 * also carry the role's policies. The combined shape, every part but the role optional:
 *
 * ```
 * {
 *   "Role": {...},                                        get-role output
 *   "AttachedPolicies": [{"PolicyName", "PolicyArn"}],    list-attached-role-policies (or bare ARNs)
 *   "RolePolicyList": [{"PolicyName", "PolicyDocument"}], inline policies (account details' form)
 *   "RolePolicies": [{"RoleName", "PolicyName", "PolicyDocument"}],  get-role-policy outputs
 *   "PolicyName": "...", "PolicyDocument": {...},         one get-role-policy output merged in
 *   "PolicyNames": ["..."],                               list-role-policies: names that need a document
 *   "Policies": [{"Arn", "PolicyName", "DefaultVersionId", "PolicyVersionList"}]
 *                                                         managed policy bodies (account details' form)
 * }
 * ```
 *
 * Also accepted: `AttachedManagedPolicies` for `AttachedPolicies`; the role's own keys at the top
 * level instead of under `Role` (`--query Role`, or one RoleDetailList entry, which carries its
 * `RolePolicyList` and `AttachedManagedPolicies`); a top-level array of such objects. Documents are
 * objects, JSON strings or URL-encoded strings (the raw IAM API form). A name in `PolicyNames`
 * without a document becomes an `unresolved` entry; everything else wrong is a located error.
 */
import { emptyInventory, type Inventory, type ManagedPolicy, type Role } from '../model/inventory.js';
import { childPointer, type Location } from '../model/location.js';
import type { PolicyDocument } from '../model/policy.js';
import {
  booleanAt,
  detectAwsJsonKind,
  expected,
  type InventoryParseResult,
  inFileOrder,
  inputError,
  member,
  objectAt,
  objectsAt,
  requiredStringAt,
  stringAt,
  stringsAt,
} from './ecs-task-definition.parse.js';
import type { JsonNode, JsonObject, JsonString } from './json-located.parse.js';
import { parsePolicyNode } from './policy.parse.js';
import type { Reporter } from './policy-utils/report.js';

export function parseIamRole(node: JsonNode, file: string): InventoryParseResult {
  const r: Reporter = { file, errors: [] };
  const inventory = emptyInventory();
  for (const item of node.kind === 'array' ? node.items : [node]) {
    if (item.kind === 'object') readRoleFile(r, inventory, item);
    else expected(r, item, '"aws iam get-role" output {"Role": {...}}');
  }
  return { inventory, errors: inFileOrder(r.errors) };
}

function readRoleFile(r: Reporter, inventory: Inventory, obj: JsonObject): void {
  for (const p of objectsAt(r, obj, 'Policies')) {
    const policy = readManagedPolicy(r, p);
    if (policy) inventory.managedPolicies.push(policy);
  }
  const topLevelRole =
    !member(obj, 'Role') && (member(obj, 'Arn') !== undefined || member(obj, 'RoleName') !== undefined);
  const roleObj = topLevelRole ? obj : objectAt(r, obj, 'Role');
  if (!roleObj) {
    if (member(obj, 'Role')) return;
    const kind = detectAwsJsonKind(obj);
    const got = kind ? `, got ${kind} output` : '';
    inputError(r, obj.loc, `expected "aws iam get-role" output with a "Role"${got}`);
    return;
  }
  const role = readRole(r, roleObj);
  if (!role) return;
  if (roleObj !== obj) {
    addInlinePolicies(r, role, objectsAt(r, obj, 'RolePolicyList'));
    addAttachedPolicies(r, role, obj, 'AttachedManagedPolicies');
    // One get-role-policy output merged into the file.
    if (member(obj, 'PolicyDocument') && ofRole(r, role, obj)) addInlinePolicies(r, role, [obj]);
  }
  addAttachedPolicies(r, role, obj, 'AttachedPolicies');
  addInlinePolicies(
    r,
    role,
    objectsAt(r, obj, 'RolePolicies').filter((p) => ofRole(r, role, p)),
  );
  const listed = member(obj, 'PolicyNames');
  for (const name of stringsAt(r, obj, 'PolicyNames')) {
    if (listed && !role.inlinePolicies.some((p) => p.name === name)) {
      const what = `inline policy "${name}" of role ${role.arn}: listed in PolicyNames, but no document given`;
      inventory.unresolved.push({ what, loc: listed.loc });
    }
  }
  inventory.roles.push(role);
}

/** A get-role-policy output names its role; one for another role is reported and left out. */
function ofRole(r: Reporter, role: Role, policy: JsonObject): boolean {
  const roleName = member(policy, 'RoleName');
  if (roleName?.kind !== 'string' || roleName.value === role.name) return true;
  inputError(r, roleName.loc, `this inline policy belongs to role "${roleName.value}", not "${role.name}"`);
  return false;
}

/** `arn:aws:iam::ACCOUNT:role/PATH/NAME`, where the path is `/` or `/a/b/`. */
const ROLE_ARN = /^arn:[\w-]+:iam::(\d{12}):role(\/(?:.*\/)?)([^/]+)$/;

/**
 * A role object as `get-role` prints it under `Role`, or a `RoleDetailList` entry of
 * `get-account-authorization-details` (whose inline and attached policies are read too).
 * Left out, with an error, only when it has no `Arn`.
 */
export function readRole(r: Reporter, obj: JsonObject): Role | undefined {
  const arn = requiredStringAt(r, obj, 'Arn', 'role');
  if (arn === undefined) return undefined;
  const parts = ROLE_ARN.exec(arn);
  const arnNode = member(obj, 'Arn');
  if (!parts && arnNode) expected(r, arnNode, 'a role ARN like arn:aws:iam::ACCOUNT:role/NAME');
  const role: Role = {
    arn,
    name: stringAt(r, obj, 'RoleName') ?? parts?.[3] ?? arn,
    path: stringAt(r, obj, 'Path') ?? parts?.[2] ?? '/',
    inlinePolicies: [],
    managedPolicyArns: [],
    loc: obj.loc,
  };
  if (parts) role.account = parts[1];
  const trust = member(obj, 'AssumeRolePolicyDocument');
  if (trust) {
    const trustPolicy = readDocument(r, trust);
    if (trustPolicy) role.trustPolicy = trustPolicy;
  }
  const boundary = objectAt(r, obj, 'PermissionsBoundary');
  if (boundary) {
    const boundaryArn = requiredStringAt(r, boundary, 'PermissionsBoundaryArn', 'permissions boundary');
    if (boundaryArn !== undefined) role.permissionsBoundaryArn = boundaryArn;
  }
  addInlinePolicies(r, role, objectsAt(r, obj, 'RolePolicyList'));
  addAttachedPolicies(r, role, obj, 'AttachedManagedPolicies');
  return role;
}

/** `{"PolicyName", "PolicyDocument"}` entries; a second policy of the same name is an error. */
function addInlinePolicies(r: Reporter, role: Role, entries: readonly JsonObject[]): void {
  for (const entry of entries) {
    const name = requiredStringAt(r, entry, 'PolicyName', 'inline policy');
    const documentNode = member(entry, 'PolicyDocument');
    if (!documentNode) inputError(r, entry.loc, 'the inline policy has no "PolicyDocument"');
    if (name === undefined || !documentNode) continue;
    const first = role.inlinePolicies.find((p) => p.name === name);
    if (first) {
      const at = first.loc ? ` (first at line ${first.loc.line}, column ${first.loc.column})` : '';
      inputError(r, entry.loc, `duplicate inline policy "${name}"${at}`);
      continue;
    }
    const document = readDocument(r, documentNode);
    if (document) role.inlinePolicies.push({ name, document, loc: entry.loc });
  }
}

/** `[{"PolicyName", "PolicyArn"}]`, or bare ARN strings; duplicates are merged. */
function addAttachedPolicies(r: Reporter, role: Role, obj: JsonObject, key: string): void {
  const list = member(obj, key);
  if (!list) return;
  if (list.kind !== 'array') {
    expected(r, list, 'an array of {"PolicyName", "PolicyArn"}');
    return;
  }
  for (const item of list.items) {
    let arn: string | undefined;
    if (item.kind === 'string') arn = item.value;
    else if (item.kind === 'object') arn = requiredStringAt(r, item, 'PolicyArn', 'attached policy');
    else expected(r, item, 'an object {"PolicyName", "PolicyArn"}');
    if (arn !== undefined && !role.managedPolicyArns.includes(arn)) role.managedPolicyArns.push(arn);
  }
}

/**
 * A managed policy as `get-account-authorization-details` lists it under `Policies`: the default
 * version's document (`IsDefaultVersion`, else `DefaultVersionId`); other versions are not parsed.
 */
export function readManagedPolicy(r: Reporter, obj: JsonObject): ManagedPolicy | undefined {
  const arn = requiredStringAt(r, obj, 'Arn', 'managed policy');
  if (arn === undefined) return undefined;
  const name = stringAt(r, obj, 'PolicyName') ?? arn.slice(arn.lastIndexOf('/') + 1);
  const defaultVersionId = stringAt(r, obj, 'DefaultVersionId');
  const versions = objectsAt(r, obj, 'PolicyVersionList');
  const chosen = defaultVersion(r, versions, defaultVersionId);
  if (!chosen) {
    const where = member(obj, 'PolicyVersionList') ?? obj;
    const which =
      defaultVersionId === undefined ? 'a default version' : `the default version ${defaultVersionId}`;
    inputError(r, where.loc, `the managed policy ${name} has no "PolicyVersionList" entry for ${which}`);
    return undefined;
  }
  const documentNode = member(chosen, 'Document');
  if (!documentNode) {
    inputError(r, chosen.loc, 'the policy version has no "Document"');
    return undefined;
  }
  const document = readDocument(r, documentNode);
  return document ? { arn, name, document, loc: obj.loc } : undefined;
}

function defaultVersion(
  r: Reporter,
  versions: readonly JsonObject[],
  defaultVersionId: string | undefined,
): JsonObject | undefined {
  let byId: JsonObject | undefined;
  for (const v of versions) {
    if (booleanAt(r, v, 'IsDefaultVersion') === true) return v;
    if (
      byId === undefined &&
      defaultVersionId !== undefined &&
      stringAt(r, v, 'VersionId') === defaultVersionId
    ) {
      byId = v;
    }
  }
  return byId;
}

/**
 * A policy document as IAM stores it: an object, or a JSON string (URL-encoded by the raw API).
 * A string that `JSON.parse` accepts becomes a tree natively, every location pointing at the string
 * as `parsePolicyNode` would place them: several times faster than re-parsing it with locations,
 * which matters for an account's worth of documents. Anything `JSON.parse` rejects goes through
 * `parsePolicyNode` for its precise message. (`JSON.parse` keeps the last of duplicate keys; a
 * document stored in IAM has none.)
 */
function readDocument(r: Reporter, node: JsonNode): PolicyDocument | undefined {
  const fast = node.kind === 'string' ? embeddedJson(node) : undefined;
  const parsed = parsePolicyNode(fast ?? node, r.file);
  for (const e of parsed.errors) r.errors.push(e);
  if (fast && parsed.document) parsed.document.wrapper = 'json-string';
  return parsed.document;
}

function embeddedJson(node: JsonString): JsonNode | undefined {
  let text = node.value;
  if (/^\s*%7b/i.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return undefined;
    }
  } else if (!text.trimStart().startsWith('{')) {
    return undefined;
  }
  try {
    return located(JSON.parse(text), node.loc, node.loc.pointer);
  } catch {
    return undefined;
  }
}

function located(value: unknown, at: Location, pointer: string): JsonNode {
  const loc: Location = { file: at.file, pointer, line: at.line, column: at.column };
  if (value === null) return { kind: 'null', value: null, loc };
  if (Array.isArray(value)) {
    return { kind: 'array', loc, items: value.map((v, i) => located(v, at, childPointer(pointer, i))) };
  }
  switch (typeof value) {
    case 'string':
      return { kind: 'string', value, loc };
    case 'number':
      return { kind: 'number', value, loc };
    case 'boolean':
      return { kind: 'boolean', value, loc };
    case 'object':
      return {
        kind: 'object',
        loc,
        entries: Object.entries(value).map(([key, v]) => {
          const p = childPointer(pointer, key);
          return { key, keyLoc: { ...loc, pointer: p }, value: located(v, at, p) };
        }),
      };
    default:
      throw new Error(`JSON.parse returned a ${typeof value}`);
  }
}
