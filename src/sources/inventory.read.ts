/**
 * Audit's input: files and folders of task definitions, roles, account authorization details,
 * CloudFormation templates, Terraform plans and plain policies, each recognised by its shape.
 */
import { basename, extname } from 'node:path';
import type { InputError, Inventory, PolicyDocument, Role } from '../model/index.js';
import { emptyInventory, mergeInventories } from '../model/index.js';
import { parseAccountAuthorizationDetails } from './account-authorization.parse.js';
import {
  type CloudFormationOptions,
  parseCloudFormationTemplate,
  readCloudFormationTemplate,
} from './cloudformation.parse.js';
import {
  detectAwsJsonKind,
  type InventoryParseResult,
  parseTaskDefinitions,
} from './ecs-task-definition.parse.js';
import { parseIamRole } from './iam-role.parse.js';
import { type JsonNode, parseJsonLocated } from './json-located.parse.js';
import { parsePolicyNode } from './policy.parse.js';
import { parseTerraformPlan, type TerraformPlanOptions } from './terraform-plan.parse.js';
import { expandPaths, fileError, readTextFile } from './text-file.read.js';

export interface InventoryReadResult {
  inventory: Inventory;
  errors: InputError[];
  files: number;
  /** How many files of each kind were read, for the summary line. */
  kinds: Record<string, number>;
}

export interface InventoryReadOptions {
  onProgress?: (filesRead: number, filesTotal: number) => void;
  cloudFormation?: CloudFormationOptions;
  terraform?: TerraformPlanOptions;
}

/** Account authorization details of large accounts run to hundreds of MB; beyond this is a mistake. */
const MAX_BYTES = 1024 * 1024 * 1024;
const EXTENSIONS = ['.json', '.yaml', '.yml', '.template'];

interface LoosePolicy {
  file: string;
  document: PolicyDocument;
}

function has(node: JsonNode, key: string): boolean {
  return node.kind === 'object' && node.entries.some((e) => e.key === key);
}

function readJson(
  node: JsonNode,
  file: string,
  options: InventoryReadOptions,
  loose: LoosePolicy[],
): { kind: string; result: InventoryParseResult } {
  const kind = detectAwsJsonKind(node);
  if (kind === 'account-authorization-details')
    return { kind, result: parseAccountAuthorizationDetails(node, file) };
  if (kind === 'get-role') return { kind, result: parseIamRole(node, file) };
  if (kind) return { kind, result: parseTaskDefinitions(node, file) };
  if (has(node, 'Resources') || has(node, 'AWSTemplateFormatVersion')) {
    return { kind: 'cloudformation', result: readCloudFormationTemplate(node, options.cloudFormation) };
  }
  if (has(node, 'format_version') && (has(node, 'planned_values') || has(node, 'values'))) {
    return { kind: 'terraform-plan', result: parseTerraformPlan(node, file, options.terraform) };
  }
  const policy = parsePolicyNode(node, file);
  if (policy.document) {
    if (policy.errors.length === 0) loose.push({ file, document: policy.document });
    return { kind: 'policy', result: { inventory: emptyInventory(), errors: policy.errors } };
  }
  const error = fileError(
    file,
    'NOT_AUDIT_INPUT',
    'not a task definition, describe-services output, role, account authorization details, CloudFormation template, Terraform plan or policy',
  );
  return { kind: 'unknown', result: { inventory: emptyInventory(), errors: [error] } };
}

export async function readInventoryPaths(
  paths: readonly string[],
  given: InventoryReadOptions = {},
): Promise<InventoryReadResult> {
  // Templates rarely name their partition; without one, ARNs written with ${AWS::Partition} match nothing.
  const options: InventoryReadOptions = {
    ...given,
    cloudFormation: { partition: 'aws', ...given.cloudFormation },
    terraform: { partition: 'aws', ...given.terraform },
  };
  const items = await expandPaths(paths, EXTENSIONS);
  const files = items.filter((i): i is string => typeof i === 'string');
  const errors: InputError[] = items.filter((i): i is InputError => typeof i !== 'string');
  const parts: Inventory[] = [];
  const kinds: Record<string, number> = {};
  const loose: LoosePolicy[] = [];
  let done = 0;
  for (const file of files) {
    const read = await readTextFile(file, MAX_BYTES, 'over the 1 GiB limit');
    options.onProgress?.(++done, files.length);
    if ('error' in read) {
      errors.push(read.error);
      continue;
    }
    const ext = extname(file).toLowerCase();
    let kind: string;
    let result: InventoryParseResult;
    if (ext !== '.json' && !read.text.trimStart().startsWith('{')) {
      kind = 'cloudformation';
      result = parseCloudFormationTemplate(read.text, file, options.cloudFormation);
    } else {
      const json = parseJsonLocated(read.text, file);
      if (!json.ok) {
        errors.push(...json.errors);
        continue;
      }
      ({ kind, result } = readJson(json.value, file, options, loose));
    }
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    parts.push(result.inventory);
    errors.push(...result.errors);
  }
  const inventory = mergeInventories(parts);
  attachLoosePolicies(inventory, loose, errors);
  return { inventory, errors, files: files.length, kinds };
}

/**
 * A plain policy file is the inline policy of the role it is named after (`MyECSTaskRole.json`):
 * a role read elsewhere, or one a task definition names but no file describes.
 */
function attachLoosePolicies(
  inventory: Inventory,
  loose: readonly LoosePolicy[],
  errors: InputError[],
): void {
  for (const p of loose) {
    const name = basename(p.file, extname(p.file));
    let role: Role | undefined = inventory.roles.find((r) => r.name === name);
    if (!role) {
      const arn = inventory.taskDefinitions
        .flatMap((td) => [td.taskRoleArn, td.executionRoleArn])
        .find((a) => a !== undefined && (a === name || a.endsWith(`/${name}`)));
      if (arn) {
        role = {
          arn,
          name,
          path: '/',
          inlinePolicies: [],
          managedPolicyArns: [],
          loc: { file: p.file, pointer: '', line: 1, column: 1 },
        };
        const account = arn.split(':')[4];
        if (account) role.account = account;
        inventory.roles.push(role);
      }
    }
    if (role) role.inlinePolicies.push({ name, document: p.document, loc: p.document.loc });
    else {
      errors.push(
        fileError(
          p.file,
          'UNATTACHED_POLICY',
          `a policy, but no role named "${name}" is in the input; name the file after its role (ROLE_NAME.json)`,
        ),
      );
    }
  }
}
