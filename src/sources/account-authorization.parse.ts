/**
 * `aws iam get-account-authorization-details` output → inventory: roles (`RoleDetailList`, with their
 * inline and attached policies, boundary and trust policy) and managed policies (`Policies`, default
 * version only). Users and groups are ignored. A top-level array is read as a list of pages.
 *
 * A big account's file runs to tens of MB: this walks the given tree once, parses only the documents
 * it keeps (trust, inline, each policy's default version), and never re-serialises anything.
 */
import { emptyInventory, type Inventory } from '../model/inventory.js';
import {
  booleanAt,
  expected,
  type InventoryParseResult,
  inFileOrder,
  inputError,
  member,
  objectsAt,
} from './ecs-task-definition.parse.js';
import { readManagedPolicy, readRole } from './iam-role.parse.js';
import type { JsonNode, JsonObject } from './json-located.parse.js';
import type { Reporter } from './policy-utils/report.js';

const SECTIONS = ['RoleDetailList', 'Policies', 'UserDetailList', 'GroupDetailList'];

export function parseAccountAuthorizationDetails(node: JsonNode, file: string): InventoryParseResult {
  const r: Reporter = { file, errors: [] };
  const inventory = emptyInventory();
  for (const page of node.kind === 'array' ? node.items : [node]) {
    if (page.kind === 'object') readPage(r, inventory, page);
    else expected(r, page, '"aws iam get-account-authorization-details" output');
  }
  return { inventory, errors: inFileOrder(r.errors) };
}

function readPage(r: Reporter, inventory: Inventory, page: JsonObject): void {
  if (!SECTIONS.some((key) => member(page, key) !== undefined)) {
    inputError(
      r,
      page.loc,
      'expected "aws iam get-account-authorization-details" output with "RoleDetailList" or "Policies"',
    );
    return;
  }
  for (const entry of objectsAt(r, page, 'RoleDetailList')) {
    const role = readRole(r, entry);
    if (role) inventory.roles.push(role);
  }
  for (const entry of objectsAt(r, page, 'Policies')) {
    const policy = readManagedPolicy(r, entry);
    if (policy) inventory.managedPolicies.push(policy);
  }
  if (booleanAt(r, page, 'IsTruncated') === true) {
    inventory.unresolved.push({
      what: 'the rest of the account: this output is one page (IsTruncated); let the AWS CLI paginate, or pass every page',
      loc: page.loc,
    });
  }
}
