import type { ActionInfo } from '../../../catalog/index.js';
import type { Fix } from '../../../model/index.js';
import { patternMayMatchFormat } from '../../evaluate/match/resource-type-match.js';
import { type CheckContext, defineCheck } from '../define-check.js';
import type { StatementView } from '../policy-view.js';
import { deriveResource, displayFormat } from './resource-type-mismatch-utils/derive-resource.js';

/** Can this statement's Resource list grant the action at all? */
function usableIn(ctx: CheckContext, action: ActionInfo, sv: StatementView): boolean {
  // Actions without a resource type are WILDCARD_ONLY_ACTION's: services authorise them against
  // ARNs of their own choosing, so a mismatch there is a likelihood, not a certainty.
  if (action.wildcardOnly) return true;
  const types = ctx.catalog.resourceTypesOf(action);
  if (types.length === 0) return true; // types the reference does not define: nothing to judge by
  return types.some((t) =>
    t.arnFormats.some((f) => sv.resources.some((r) => patternMayMatchFormat(r.text, r.tokens, f))),
  );
}

function applies(sv: StatementView): boolean {
  return !sv.negatedActions && !sv.negatedResources && sv.resources.length > 0;
}

export const resourceTypeMismatch = defineCheck({
  code: 'RESOURCE_TYPE_MISMATCH',
  severity: 'error',
  summary: 'An action matches none of the resources by the resource types it supports',
  description:
    'IAM grants an action only on resources of the types the action supports. `s3:ListBucket` applies to ' +
    'the bucket (`arn:aws:s3:::b`), `s3:GetObject` to objects (`arn:aws:s3:::b/*`): a statement naming only ' +
    'one of the two silently fails at run time for the other action. Judged per policy: an action granted ' +
    'with a matching resource by another statement is not reported. The fix adds the right-typed ARN.',
  examples: {
    invalid: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::b/*' },
      ],
    },
    valid: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
        },
      ],
    },
  },
  run(ctx) {
    // Actions some Allow statement grants on a matching resource: usable, wherever else they appear.
    const usable = new Set<string>();
    for (const sv of ctx.view.statements) {
      if (sv.statement.effect.value !== 'Allow' || !applies(sv)) continue;
      for (const a of sv.allowedActions.values()) if (usableIn(ctx, a, sv)) usable.add(a.key);
    }
    for (const sv of ctx.view.statements) {
      if (!applies(sv)) continue;
      const deny = sv.statement.effect.value === 'Deny';
      for (const entry of sv.actions) {
        const expanded = entry.expanded;
        if (expanded.length === 0) continue; // UNKNOWN_ACTION's business
        if (entry.pattern.hasWildcard) {
          // A pattern is wrong only when none of its actions can be used with these resources.
          if (deny || expanded.some((a) => usableIn(ctx, a, sv) || usable.has(a.key))) continue;
        } else if (usableIn(ctx, expanded[0]!, sv) || (!deny && usable.has(expanded[0]!.key))) continue;
        const action = expanded[0]!;
        const { message, fix } = explain(
          ctx,
          action,
          sv,
          entry.pattern.hasWildcard ? entry.text : action.key,
          deny,
        );
        ctx.report({
          statement: sv.statement,
          action: entry.text,
          resource: sv.resources[0]?.text,
          message,
          fix,
          loc: entry.located.loc,
        });
      }
    }
  },
});

function explain(ctx: CheckContext, action: ActionInfo, sv: StatementView, shown: string, deny: boolean) {
  const outcome = deny ? 'so this Deny never applies to it' : 'so the permission can never be used';
  const suggestions: string[] = [];
  const withFix: string[] = [];
  const without: string[] = [];
  for (const t of ctx.catalog.resourceTypesOf(action)) {
    let derived = false;
    for (const r of sv.resources) {
      const d = deriveResource(r.text, t);
      if (!d) continue;
      derived = true;
      if (!suggestions.includes(d)) suggestions.push(d);
    }
    (derived ? withFix : without).push(`${t.name} (${displayFormat(t)})`);
  }
  // Name the types the fix is for; the others (e.g. access points) only when nothing fits.
  const named = (withFix.length ? withFix : without).join(' or the ');
  const add = suggestions.length ? ` Add ${suggestions.join(', ')}.` : '';
  return {
    message: `${shown} applies to the ${named}; no Resource in this statement matches it, ${outcome}.${add}`,
    fix: suggestions.length ? ({ addResource: suggestions[0]! } satisfies Fix) : undefined,
  };
}
