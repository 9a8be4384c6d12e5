/**
 * AWS Secrets Manager (aws-facts §1.4 (a), §2.2, §4.2). `secretId` is whatever the caller passed:
 * a full ARN (`...:secret:NAME-AbCdEf`, the name plus `-` and 6 random characters) stays; a name
 * or partial ARN becomes `arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-??????`, the pattern
 * the Secrets Manager UG recommends for naming a secret without its suffix. A full ARN in
 * `responseElements` (`arn`, logged as `aRN` before Feb 2024) is preferred over a pattern.
 */
import type { RequiredPermission } from '../../../model/cloudtrail.js';
import { fieldCI, isArn, list, param, regionalArn, str } from './context.js';
import { mapped } from './permissions.js';
import type { EventContext, EventHandler, EventTable, ServiceMapping } from './types.js';

const FULL_SECRET_ARN = /:secret:.+-[A-Za-z0-9]{6}$/;

/** The secret a reference names: exact for a full ARN, else the `-??????` pattern. */
export function secretArn(ctx: EventContext, ref: string): string {
  if (isArn(ref)) return FULL_SECRET_ARN.test(ref) ? ref : `${ref}-??????`;
  return regionalArn(ctx, 'secretsmanager', `secret:${ref}-??????`);
}

/** The full ARN the response reports (`arn` or `aRN`), if any. */
function responseArn(ctx: EventContext): string | undefined {
  const arn = str(fieldCI(ctx.record.responseElements, 'arn'));
  return arn && isArn(arn) && FULL_SECRET_ARN.test(arn) ? arn : undefined;
}

/** The secret of a single-secret request: `secretId` (or `name` for CreateSecret). */
export function requestSecret(ctx: EventContext): string | undefined {
  const ref = param(ctx, 'secretId') ?? param(ctx, 'name');
  if (ref && isArn(ref) && FULL_SECRET_ARN.test(ref)) return ref;
  const fromResponse = responseArn(ctx);
  if (fromResponse) return fromResponse;
  return ref ? secretArn(ctx, ref) : undefined;
}

function onSecret(action: string): EventHandler {
  return (ctx) =>
    mapped([{ action, resource: requestSecret(ctx) ?? regionalArn(ctx, 'secretsmanager', 'secret:*') }]);
}

/**
 * Secrets Manager API ref BatchGetSecretValue: "Required permissions: secretsmanager:BatchGetSecretValue,
 * and you must have secretsmanager:GetSecretValue for each secret. If you use filters, you must also have
 * secretsmanager:ListSecrets." With filters alone the secrets are unknown: every secret (a pattern).
 */
function batchGet(ctx: EventContext): ReturnType<EventHandler> {
  const perms: RequiredPermission[] = [{ action: 'secretsmanager:BatchGetSecretValue', resource: '*' }];
  const ids = list(fieldCI(ctx.params, 'secretIdList'));
  for (const id of ids) {
    const ref = str(id);
    if (ref) perms.push({ action: 'secretsmanager:GetSecretValue', resource: secretArn(ctx, ref) });
  }
  if (fieldCI(ctx.params, 'filters') !== undefined) {
    perms.push({ action: 'secretsmanager:ListSecrets', resource: '*' });
    if (ids.length === 0) {
      perms.push({
        action: 'secretsmanager:GetSecretValue',
        resource: regionalArn(ctx, 'secretsmanager', 'secret:*'),
      });
    }
  }
  return mapped(perms);
}

export const secretsmanagerEvents: EventTable = {
  GetSecretValue: onSecret('secretsmanager:GetSecretValue'),
  DescribeSecret: onSecret('secretsmanager:DescribeSecret'),
  PutSecretValue: onSecret('secretsmanager:PutSecretValue'),
  // CreateSecret names the secret by `name`; the response carries its full ARN.
  CreateSecret: onSecret('secretsmanager:CreateSecret'),
  BatchGetSecretValue: batchGet,
};

export const secretsmanager: ServiceMapping = {
  eventSources: ['secretsmanager.amazonaws.com'],
  events: secretsmanagerEvents,
  reads: ['secretid', 'name', 'secretidlist', 'filters'],
  responseReads: ['arn'],
  resource: (ctx, type) => (type === 'secret' ? requestSecret(ctx) : undefined),
};
