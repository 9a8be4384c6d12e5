import type { InputError } from '../../model/errors.js';
import type { Location } from '../../model/location.js';
import { fail, ok, type Result } from '../../model/result.js';
import { type JsonNode, type JsonObject, type JsonString, parseJsonLocated } from '../json-located.parse.js';
import { describe, didYouMean } from './report.js';

/** How a pasted policy was packaged; recorded in `PolicyDocument.wrapper`. */
export const POLICY_WRAPPERS = [
  'plain',
  /** A JSON string holding the policy, e.g. `terraform output -json <name>`. */
  'json-string',
  'get-policy-version',
  'get-role-policy',
  'get-user-policy',
  'get-group-policy',
  /** `{"Type": "AWS::IAM::Policy", "Properties": {"PolicyDocument": ...}}` */
  'cloudformation-resource',
  /** `{"PolicyDocument": ...}`: the Properties of a CloudFormation resource. */
  'cloudformation-properties',
  /** `{"json": "..."}`: the attributes of Terraform's `aws_iam_policy_document`. */
  'terraform-json',
  /** `{"value": "...", "type": ..., "sensitive": ...}`: one entry of `terraform output -json`. */
  'terraform-output',
  /** `{"policy": "..."}`: the attributes of a Terraform policy resource. */
  'terraform-policy',
] as const;
export type PolicyWrapper = (typeof POLICY_WRAPPERS)[number];

export interface Unwrapped {
  /** The policy document itself, an object when unwrapping succeeded. */
  node: JsonNode;
  wrapper: PolicyWrapper;
}

const POLICY_MARKERS = ['Statement', 'Version'] as const;

function entry(obj: JsonObject, key: string): JsonNode | undefined {
  return obj.entries.find((e) => e.key === key)?.value;
}

function notAPolicy(node: JsonNode, message: string): Result<Unwrapped, InputError> {
  const { file, pointer, line, column } = node.loc;
  return fail({ code: 'NOT_A_POLICY', file, pointer, line, column, message: `not a policy: ${message}` });
}

/** Finds the policy document inside whatever the user pasted, by shape. */
export function unwrapPolicy(node: JsonNode): Result<Unwrapped, InputError> {
  if (node.kind === 'string') {
    if (!looksLikeJsonText(node.value)) {
      return notAPolicy(node, `expected a policy document, got ${describe(node)}`);
    }
    return embedded(node, 'json-string', true);
  }
  if (node.kind !== 'object') return notAPolicy(node, whatItLooksLike(node));
  const has = (key: string) => node.entries.some((e) => e.key === key);

  if (has('Statement') || has('Version')) return ok({ node, wrapper: 'plain' });

  const version = entry(node, 'PolicyVersion');
  if (version) {
    const doc = version.kind === 'object' ? entry(version, 'Document') : undefined;
    if (!doc) {
      return notAPolicy(
        node,
        'looks like "aws iam get-policy-version" output, but PolicyVersion has no Document',
      );
    }
    return documentIn(doc, 'get-policy-version', false);
  }

  const policyDocument = entry(node, 'PolicyDocument');
  if (policyDocument) {
    const wrapper = has('RoleName')
      ? 'get-role-policy'
      : has('UserName')
        ? 'get-user-policy'
        : has('GroupName')
          ? 'get-group-policy'
          : 'cloudformation-properties';
    return documentIn(policyDocument, wrapper, false);
  }

  const type = entry(node, 'Type');
  const properties = entry(node, 'Properties');
  if (type?.kind === 'string' && type.value.startsWith('AWS::') && properties?.kind === 'object') {
    const doc = entry(properties, 'PolicyDocument');
    if (!doc) {
      return notAPolicy(
        node,
        `looks like a CloudFormation ${type.value} resource, which has no PolicyDocument`,
      );
    }
    return documentIn(doc, 'cloudformation-resource', false);
  }

  // Terraform's keys are common words, so the value must itself look like a policy.
  const json = entry(node, 'json');
  if (json) return documentIn(json, 'terraform-json', true);
  const policy = entry(node, 'policy');
  if (policy) return documentIn(policy, 'terraform-policy', true);
  const value = entry(node, 'value');
  if (value && node.entries.every((e) => ['value', 'type', 'sensitive'].includes(e.key))) {
    return documentIn(value, 'terraform-output', true);
  }

  // A misspelt Statement or Version still means the user meant a policy: let the document parser name the typo.
  if (looksLikePolicy(node)) return ok({ node, wrapper: 'plain' });
  return notAPolicy(node, whatItLooksLike(node));
}

function documentIn(
  node: JsonNode,
  wrapper: PolicyWrapper,
  mustLookLikePolicy: boolean,
): Result<Unwrapped, InputError> {
  const plausible = node.kind === 'string' ? looksLikeJsonText(node.value) : looksLikePolicy(node);
  if (mustLookLikePolicy && !plausible) {
    return notAPolicy(
      node,
      `found a ${wrapper} wrapper, but it holds ${describe(node)}, not a policy document`,
    );
  }
  return node.kind === 'string' ? embedded(node, wrapper, mustLookLikePolicy) : ok({ node, wrapper });
}

/** Has Statement or Version, or a near miss; `Id` alone is too short to tell from `Sid`. */
function looksLikePolicy(node: JsonNode): boolean {
  return node.kind === 'object' && node.entries.some((e) => didYouMean(e.key, POLICY_MARKERS) !== undefined);
}

function looksLikeJsonText(s: string): boolean {
  const t = s.trimStart();
  return t.startsWith('{') || /^%7b/i.test(t);
}

/** A policy held in a JSON string, possibly URL-encoded as the raw IAM API returns it. */
function embedded(
  str: JsonString,
  wrapper: PolicyWrapper,
  mustLookLikePolicy: boolean,
): Result<Unwrapped, InputError> {
  const at = str.loc;
  const fatal = (code: string, message: string) =>
    fail<InputError>({ code, file: at.file, pointer: at.pointer, line: at.line, column: at.column, message });
  let text = str.value;
  const encoded = /^\s*%7b/i.test(text);
  if (encoded) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return fatal('INVALID_JSON', `the URL-encoded policy document does not decode: ${describe(str)}`);
    }
  }
  const parsed = parseJsonLocated(text, at.file);
  if (!parsed.ok) {
    const inside = encoded ? 'the URL-decoded policy string' : 'the policy string';
    return {
      ok: false,
      errors: parsed.errors.map((e) =>
        e.code === 'EMPTY_FILE'
          ? { ...e, ...at, code: 'INVALID_JSON', message: 'the policy document string is empty' }
          : { ...e, ...at, message: `${e.message} (at ${e.line}:${e.column} of ${inside})` },
      ),
    };
  }
  const node = parsed.value;
  if (mustLookLikePolicy && !looksLikePolicy(node)) {
    return notAPolicy(str, `found a ${wrapper} wrapper, but its string holds no "Statement" or "Version"`);
  }
  relocate(node, at);
  return ok({ node, wrapper });
}

/**
 * Points every location of a tree parsed from a string at that string in the outer file: positions
 * inside an escaped or URL-encoded string mean nothing to someone reading the file.
 */
function relocate(node: JsonNode, at: Location): void {
  node.loc = { file: at.file, pointer: at.pointer + node.loc.pointer, line: at.line, column: at.column };
  if (node.kind === 'array') for (const item of node.items) relocate(item, at);
  else if (node.kind === 'object') {
    for (const e of node.entries) {
      e.keyLoc = { file: at.file, pointer: at.pointer + e.keyLoc.pointer, line: at.line, column: at.column };
      relocate(e.value, at);
    }
  }
}

/** Names what the input seems to be, so the user knows which command or option fits it. */
function whatItLooksLike(node: JsonNode): string {
  if (node.kind === 'array') {
    const first = node.items[0];
    if (first?.kind === 'object') {
      if (entry(first, 'eventSource') || entry(first, 'eventName')) {
        return 'looks like a list of CloudTrail events';
      }
      if (entry(first, 'Effect')) {
        return 'looks like a list of statements; wrap it as {"Version": "2012-10-17", "Statement": [...]}';
      }
    }
    return `expected a policy document object with "Statement", got ${describe(node)}`;
  }
  if (node.kind !== 'object') {
    return `expected a policy document object with "Statement", got ${describe(node)}`;
  }
  const has = (key: string) => entry(node, key) !== undefined;
  if (has('Records')) return 'looks like CloudTrail records (it has "Records")';
  if (has('eventSource') && has('eventName')) return 'looks like a single CloudTrail event';
  if (has('containerDefinitions') || has('taskDefinitionArn')) return 'looks like an ECS task definition';
  if (entry(node, 'taskDefinition')?.kind === 'object') {
    return 'looks like an ECS task definition ("aws ecs describe-task-definition" output)';
  }
  const role = entry(node, 'Role');
  if (
    has('AssumeRolePolicyDocument') ||
    (role?.kind === 'object' && entry(role, 'AssumeRolePolicyDocument'))
  ) {
    return 'looks like an IAM role ("aws iam get-role" output); its trust policy is under AssumeRolePolicyDocument';
  }
  if (has('UserDetailList') || has('RoleDetailList') || has('GroupDetailList')) {
    return 'looks like "aws iam get-account-authorization-details" output';
  }
  if (has('AWSTemplateFormatVersion') || entry(node, 'Resources')?.kind === 'object') {
    return 'looks like a CloudFormation template; pass the policy resource, or read the template as CloudFormation';
  }
  if (has('resource_changes') || has('planned_values')) return 'looks like a Terraform plan';
  const policy = entry(node, 'Policy');
  if (policy?.kind === 'object' && entry(policy, 'DefaultVersionId')) {
    return 'looks like "aws iam get-policy" output, which has no document; use "aws iam get-policy-version"';
  }
  if (has('PolicyNames') || has('AttachedPolicies')) {
    return 'looks like a list of policy names, not a document';
  }
  if (has('Effect') && (has('Action') || has('NotAction'))) {
    return 'looks like a single statement; wrap it as {"Version": "2012-10-17", "Statement": {...}}';
  }
  const keys = node.entries.slice(0, 3).map((e) => JSON.stringify(e.key));
  const more = node.entries.length > 3 ? ', ...' : '';
  return keys.length === 0
    ? 'expected a policy document with "Statement", got {}'
    : `expected a policy document with "Statement", found keys ${keys.join(', ')}${more}`;
}
