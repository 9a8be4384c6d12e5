/** AWS STS (aws-facts §1.3, §2.2). */
import type { RequiredPermission } from '../../../model/cloudtrail.js';
import { list, param, resourceArn } from './context.js';
import { mapped, NONE } from './permissions.js';
import type { EventContext, EventTable, ServiceMapping } from './types.js';

function roleArn(ctx: EventContext): string {
  return (
    param(ctx, 'roleArn') ??
    resourceArn(ctx, (a) => a.includes(':iam::') && a.includes(':role/')) ??
    `arn:${ctx.partition}:iam::*:role/*`
  );
}

/**
 * STS API ref AssumeRole / IAM UG id_session-tags and id_credentials_temp_control-access_monitor:
 * passing session tags needs sts:TagSession, a source identity needs sts:SetSourceIdentity, both on
 * the role (whose trust policy must allow them too).
 */
function assumeRole(ctx: EventContext): ReturnType<typeof mapped> {
  const role = roleArn(ctx);
  const perms: RequiredPermission[] = [{ action: 'sts:AssumeRole', resource: role }];
  const p = ctx.params;
  if (list(p.tags).length > 0 || list(p.transitiveTagKeys).length > 0) {
    perms.push({ action: 'sts:TagSession', resource: role });
  }
  if (param(ctx, 'sourceIdentity')) perms.push({ action: 'sts:SetSourceIdentity', resource: role });
  return mapped(perms);
}

export const stsEvents: EventTable = {
  AssumeRole: assumeRole,
  // STS API ref GetCallerIdentity: "No permissions are required to perform this operation."
  GetCallerIdentity: () => NONE,
  // STS API ref: "Calling AssumeRoleWithWebIdentity [AssumeRoleWithSAML] does not require the use of AWS
  // security credentials": only the role's trust policy decides, the caller holds no policy.
  AssumeRoleWithWebIdentity: () => NONE,
  AssumeRoleWithSAML: () => NONE,
};

export const sts: ServiceMapping = {
  eventSources: ['sts.amazonaws.com'],
  events: stsEvents,
  reads: ['rolearn', 'tags', 'transitivetagkeys', 'sourceidentity'],
};
