import { defineCheck } from '../define-check.js';

export const wildcardOnlyAction = defineCheck({
  code: 'WILDCARD_ONLY_ACTION',
  severity: 'warning',
  summary: 'An action without resource-level permissions is granted only on named resources',
  description:
    'Actions such as `s3:ListAllMyBuckets`, `ecr:GetAuthorizationToken` or `sts:GetCallerIdentity` have no ' +
    'resource type in the Service Authorization Reference: AWS documents `"Resource": "*"` for them, and a ' +
    'statement naming only specific ARNs may never allow them ("This does not allow users to use the ' +
    'ListAllMyBuckets S3 API operation, because that action requires the "*" resource", IAM UG, NotAction). ' +
    'Some services authorise such calls against an ARN of their own, so this is a warning: move the action to ' +
    'a statement with `"Resource": "*"`.',
  examples: {
    invalid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: 'arn:aws:s3:::my-bucket' }],
    },
    valid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }],
    },
  },
  run(ctx) {
    // Granted on "*" anywhere in the policy: usable, wherever else it is listed.
    const onStar = new Set<string>();
    for (const sv of ctx.view.statements) {
      if (sv.statement.effect.value !== 'Allow' || sv.negatedActions || sv.negatedResources) continue;
      if (!sv.resources.some((r) => r.compiled.test('*'))) continue;
      for (const a of sv.allowedActions.values()) onStar.add(a.key);
    }
    for (const sv of ctx.view.statements) {
      if (sv.negatedActions || sv.negatedResources || sv.resources.length === 0) continue;
      if (sv.resources.some((r) => r.compiled.test('*'))) continue;
      for (const entry of sv.actions) {
        if (entry.pattern.hasWildcard) continue; // patterns mix kinds; RESOURCE_TYPE_MISMATCH judges them
        const action = entry.expanded[0];
        if (!action?.wildcardOnly || onStar.has(action.key)) continue;
        const what =
          sv.statement.effect.value === 'Deny'
            ? 'this Deny may never apply to it'
            : 'it may never be allowed';
        ctx.report({
          statement: sv.statement,
          action: action.key,
          resource: sv.resources[0]?.text,
          message: `${action.key} has no resource-level permissions (AWS documents "Resource": "*" for it), so with only these resources ${what}; move it to a statement with "Resource": "*".`,
          fix: { addResource: '*' },
          loc: entry.located.loc,
        });
      }
    }
  },
});
