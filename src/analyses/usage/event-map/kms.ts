/**
 * AWS KMS (aws-facts §1.4 (d), §2.2). The key is `keyId` when it is a key ARN, else the key ARN in
 * `resources[]`, else composed from a bare key ID (a key in another account must be named by ARN,
 * so a bare ID is in the caller's account and Region). An alias never stands for its key in a
 * policy: "When an alias is the value of a resource element, the policy applies to the alias
 * resource, not to any KMS key that might be associated with it" (KMS DG, alias-authorization), so
 * an alias the record does not resolve becomes every key of the alias's account and Region.
 */
import type { RequiredPermission } from '../../../model/cloudtrail.js';
import { arnRegionAccount, isArn, param, regionalArn, resourceArns } from './context.js';
import { mapped, one } from './permissions.js';
import type { EventContext, EventHandler, EventTable, ServiceMapping } from './types.js';

const isKeyArn = (arn: string) => arn.includes(':kms:') && arn.includes(':key/');

/** Key ARNs in `resources[]`. */
function recordKeys(ctx: EventContext): string[] {
  return resourceArns(ctx, isKeyArn);
}

/** The key a key reference names, when the record says which key it is. */
export function exactKeyArn(
  ctx: EventContext,
  keyId: string | undefined,
  keys: readonly string[],
): string | undefined {
  if (keyId && isArn(keyId)) {
    if (isKeyArn(keyId)) return keyId;
    return keys.length === 1 ? keys[0] : undefined;
  }
  if (keyId && !keyId.startsWith('alias/')) {
    return keys.find((k) => k.endsWith(`:key/${keyId}`)) ?? regionalArn(ctx, 'kms', `key/${keyId}`);
  }
  return keys.length === 1 ? keys[0] : keyId ? undefined : keys[0];
}

/** The key, else every key where the reference points (alias ARN's account and Region, else the caller's). */
function keyArn(ctx: EventContext, keyId: string | undefined, keys: readonly string[]): string {
  const exact = exactKeyArn(ctx, keyId, keys);
  if (exact) return exact;
  const where = keyId && isArn(keyId) ? arnRegionAccount(keyId) : undefined;
  return regionalArn(ctx, 'kms', 'key/*', where?.region || ctx.region, where?.account || ctx.account);
}

function aliasArn(ctx: EventContext, aliasName: string): string {
  return isArn(aliasName) ? aliasName : regionalArn(ctx, 'kms', aliasName);
}

/** `action` on the key `keyId` names. */
function onKey(action: string): EventHandler {
  return (ctx) => one(action, keyArn(ctx, param(ctx, 'keyId'), recordKeys(ctx)));
}

/** KMS DG alias-access: alias operations need the permission on the alias and on the key(s) involved. */
function onAlias(action: string): EventHandler {
  return (ctx) => {
    const keys = recordKeys(ctx);
    const perms: RequiredPermission[] = [];
    const alias = param(ctx, 'aliasName');
    if (alias) perms.push({ action, resource: aliasArn(ctx, alias) });
    const target = param(ctx, 'targetKeyId');
    if (target) perms.push({ action, resource: keyArn(ctx, target, []) });
    for (const k of keys) perms.push({ action, resource: k });
    if (!target && keys.length === 0) perms.push({ action, resource: keyArn(ctx, undefined, []) });
    return mapped(perms);
  };
}

export const kmsEvents: EventTable = {
  // The ciphertext names the key for symmetric Decrypt, so keyId is often absent: resources[] has it.
  Decrypt: onKey('kms:Decrypt'),
  Encrypt: onKey('kms:Encrypt'),
  GenerateDataKey: onKey('kms:GenerateDataKey'),
  GenerateDataKeyWithoutPlaintext: onKey('kms:GenerateDataKeyWithoutPlaintext'),
  GenerateDataKeyPair: onKey('kms:GenerateDataKeyPair'),
  GenerateDataKeyPairWithoutPlaintext: onKey('kms:GenerateDataKeyPairWithoutPlaintext'),
  GenerateMac: onKey('kms:GenerateMac'),
  VerifyMac: onKey('kms:VerifyMac'),
  Sign: onKey('kms:Sign'),
  Verify: onKey('kms:Verify'),
  GetPublicKey: onKey('kms:GetPublicKey'),
  DescribeKey: onKey('kms:DescribeKey'),
  // KMS API ref ReEncrypt: "kms:ReEncryptFrom permission on the source KMS key" and "kms:ReEncryptTo
  // permission on the destination KMS key" (trailscraper's kms:ReEncrypt* is broader than needed).
  ReEncrypt: (ctx) => {
    const keys = recordKeys(ctx);
    const destination = keyArn(ctx, param(ctx, 'destinationKeyId'), keys.length === 1 ? keys : []);
    const sourceId = param(ctx, 'sourceKeyId');
    const others = keys.filter((k) => k !== destination);
    const source = sourceId
      ? keyArn(ctx, sourceId, others.length === 1 ? others : [])
      : (others[0] ?? keys[0] ?? keyArn(ctx, undefined, []));
    return mapped([
      { action: 'kms:ReEncryptFrom', resource: source },
      { action: 'kms:ReEncryptTo', resource: destination },
    ]);
  },
  CreateAlias: onAlias('kms:CreateAlias'),
  // KMS DG alias-access: changing an alias's key needs kms:UpdateAlias on the alias, the current key
  // and the new key. The record names only the new one (resources[], responseElements): the current
  // key is any key of the account and Region.
  UpdateAlias: (ctx) => {
    const named = onAlias('kms:UpdateAlias')(ctx);
    const current = { action: 'kms:UpdateAlias', resource: keyArn(ctx, undefined, []) };
    return named.kind === 'mapped' ? mapped([...named.permissions, current]) : named;
  },
  DeleteAlias: onAlias('kms:DeleteAlias'),
};

function resolveKms(ctx: EventContext, type: string): string | undefined {
  if (type === 'key') return exactKeyArn(ctx, param(ctx, 'keyId'), recordKeys(ctx));
  if (type === 'alias') {
    const alias = param(ctx, 'aliasName');
    return alias ? aliasArn(ctx, alias) : undefined;
  }
  return undefined;
}

export const kms: ServiceMapping = {
  eventSources: ['kms.amazonaws.com'],
  events: kmsEvents,
  reads: ['keyid', 'aliasname', 'targetkeyid', 'sourcekeyid', 'destinationkeyid'],
  resource: resolveKms,
};
