import { isFullWildcard } from '../../evaluate/match/action-pattern.js';
import { defineCheck } from '../define-check.js';

export const fullWildcard = defineCheck({
  code: 'FULL_WILDCARD',
  severity: 'security',
  summary: 'Allows every action of every service ("Action": "*")',
  description:
    'An Allow with `"Action": "*"` (or `*:*`) makes the role an administrator within its resources. ' +
    'List the actions the application calls instead; `scopedown usage` finds them in CloudTrail.',
  examples: {
    invalid: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    valid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    },
  },
  run(ctx) {
    for (const sv of ctx.view.statements) {
      if (sv.statement.effect.value !== 'Allow' || sv.negatedActions) continue;
      for (const a of sv.actions) {
        if (!isFullWildcard(a.text)) continue;
        ctx.report({
          statement: sv.statement,
          action: a.text,
          message: `"${a.text}" allows every action of every AWS service; list only the actions the application calls.`,
          loc: a.located.loc,
        });
      }
    }
  },
});
