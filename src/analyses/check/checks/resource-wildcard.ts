import type { AccessLevel, ActionInfo } from '../../../catalog/index.js';
import { defineCheck } from '../define-check.js';

const LEVEL_ORDER: readonly AccessLevel[] = ['Permissions management', 'Write', 'Read', 'List', 'Tagging'];

/** `s3:GetObject`, or `165 actions that can name resources (12 Permissions management, 98 Write, ...)`. */
function describe(actions: readonly ActionInfo[]): string {
  if (actions.length <= 2) return actions.map((a) => a.key).join(' and ');
  const counts = new Map<AccessLevel, number>();
  for (const a of actions) {
    const top = LEVEL_ORDER.find((l) => a.accessLevels.includes(l));
    if (top) counts.set(top, (counts.get(top) ?? 0) + 1);
  }
  const parts = LEVEL_ORDER.filter((l) => counts.get(l)).map((l) => `${counts.get(l)} ${l}`);
  return `${actions.length} actions that can be limited to named resources (${parts.join(', ')})`;
}

export const resourceWildcard = defineCheck({
  code: 'RESOURCE_WILDCARD',
  severity: 'security',
  summary: '"Resource": "*" with actions that support resource-level permissions',
  description:
    'Actions that can be limited to named resources are granted on every resource in every account ' +
    'the role can reach. Name the resources (bucket, table, queue, secret ARNs). Actions that have no ' +
    'resource type, such as `ecr:GetAuthorizationToken` or `s3:ListAllMyBuckets`, need `"*"` and are not reported.',
  examples: {
    invalid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    },
    valid: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'sts:GetCallerIdentity'], Resource: '*' },
      ],
    },
  },
  run(ctx) {
    for (const sv of ctx.view.statements) {
      if (sv.statement.effect.value !== 'Allow' || sv.negatedResources || sv.negatedActions) continue;
      const star = sv.resources.find((r) => r.text === '*');
      if (!star) continue;
      const scopable = [...sv.allowedActions.values()].filter((a) => !a.wildcardOnly);
      if (scopable.length === 0) continue;
      const conditioned = sv.statement.condition.length > 0 ? ' (conditions narrow it, but not by name)' : '';
      ctx.report({
        statement: sv.statement,
        resource: '*',
        action: scopable.length === 1 ? scopable[0]!.key : undefined,
        message: `"Resource": "*" grants ${describe(scopable)} on every resource${conditioned}; name the resources the application uses instead.`,
        loc: star.located.loc,
      });
    }
  },
});
