import type { ManagedPolicyDetail, RoleDetail } from '@aws-sdk/client-iam';
import type { InputError } from '../../model/errors.js';
import type { ManagedPolicy, NamedDocument, Role } from '../../model/inventory.js';
import type { Location } from '../../model/location.js';
import type { PolicyDocument } from '../../model/policy.js';
import { parsePolicyNode } from '../policy.parse.js';
import { apiLocation, arnParts } from './arn.js';

const OPERATION = 'GetAccountAuthorizationDetails';

/**
 * Parses a policy document as IAM returns it: a string, URL-encoded by the real API (RFC 3986),
 * plain JSON from some emulators. The policy parser decodes either; every location inside the
 * document points at `loc` (the ARN and the field it came from), with the JSON pointer appended.
 */
function policyAt(text: string, loc: Location, errors: InputError[]): PolicyDocument | undefined {
  const parsed = parsePolicyNode({ kind: 'string', value: text, loc }, loc.file);
  errors.push(...parsed.errors);
  return parsed.document;
}

export function mapRole(r: RoleDetail, errors: InputError[]): Role | undefined {
  if (!r.Arn) return undefined;
  const arn = r.Arn;
  const loc = apiLocation('iam', undefined, OPERATION, arn);
  const at = (suffix: string): Location => ({ ...loc, pointer: `${arn}${suffix}` });
  const role: Role = {
    arn,
    name: r.RoleName ?? arn.split('/').pop() ?? '',
    path: r.Path ?? '/',
    inlinePolicies: [],
    managedPolicyArns: (r.AttachedManagedPolicies ?? []).flatMap((p) => (p.PolicyArn ? [p.PolicyArn] : [])),
    loc,
  };
  const account = arnParts(arn).account;
  if (account) role.account = account;
  if (r.AssumeRolePolicyDocument) {
    const trust = policyAt(r.AssumeRolePolicyDocument, at('/AssumeRolePolicyDocument'), errors);
    if (trust) role.trustPolicy = trust;
  }
  for (const p of r.RolePolicyList ?? []) {
    if (!p.PolicyName || !p.PolicyDocument) continue;
    const docLoc = at(`/RolePolicyList/${p.PolicyName}/PolicyDocument`);
    const document = policyAt(p.PolicyDocument, docLoc, errors);
    if (document)
      role.inlinePolicies.push({ name: p.PolicyName, document, loc: docLoc } satisfies NamedDocument);
  }
  if (r.PermissionsBoundary?.PermissionsBoundaryArn) {
    role.permissionsBoundaryArn = r.PermissionsBoundary.PermissionsBoundaryArn;
  }
  return role;
}

/** The default version's document; a policy whose default version is missing or unreadable is left out. */
export function mapManagedPolicy(p: ManagedPolicyDetail, errors: InputError[]): ManagedPolicy | undefined {
  if (!p.Arn) return undefined;
  const versions = p.PolicyVersionList ?? [];
  const version =
    versions.find((v) => v.IsDefaultVersion) ?? versions.find((v) => v.VersionId === p.DefaultVersionId);
  if (!version?.Document) return undefined;
  const loc = apiLocation('iam', undefined, OPERATION, p.Arn);
  const docLoc: Location = {
    ...loc,
    pointer: `${p.Arn}/PolicyVersionList/${version.VersionId ?? ''}/Document`,
  };
  const document = policyAt(version.Document, docLoc, errors);
  if (!document) return undefined;
  return { arn: p.Arn, name: p.PolicyName ?? p.Arn.split('/').pop() ?? '', document, loc };
}
