import { didYouMean } from '../../../model/suggest.js';
import { isFullWildcard } from '../../evaluate/match/action-pattern.js';
import { defineCheck } from '../define-check.js';

export const unknownAction = defineCheck({
  code: 'UNKNOWN_ACTION',
  severity: 'error',
  summary: 'An action (or action pattern) that matches no action of its service',
  description:
    'A misspelled action such as `s3:GetObjct` matches nothing, so the Allow grants nothing and the ' +
    'application fails at run time. The message suggests the closest real action.',
  examples: {
    invalid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObjct', Resource: 'arn:aws:s3:::b/*' }],
    },
    valid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    },
  },
  run(ctx) {
    for (const sv of ctx.view.statements) {
      for (const a of sv.actions) {
        if (isFullWildcard(a.text)) continue;
        const colon = a.text.indexOf(':');
        if (colon < 0) {
          ctx.report({
            statement: sv.statement,
            action: a.text,
            message: `"${a.text}" is not of the form service:Action (e.g. s3:GetObject).`,
            loc: a.located.loc,
          });
          continue;
        }
        const service = a.pattern.service;
        if (service !== null && !ctx.catalog.serviceExists(service)) continue; // UNKNOWN_SERVICE
        if (a.expanded.length > 0) continue;
        const candidates = service ? ctx.catalog.actions(service).map((x) => x.key) : [];
        const guess = a.pattern.hasWildcard ? undefined : didYouMean(a.text, candidates);
        const what = a.pattern.hasWildcard ? 'matches no action' : 'is not an action';
        ctx.report({
          statement: sv.statement,
          action: a.text,
          message: `"${a.text}" ${what} of ${service ?? 'any service'} in the service reference (${ctx.catalog.dataVersion})${guess ? `; did you mean "${guess}"?` : '; if AWS added it since, update scopedown.'}`,
          fix: guess ? { replaceAction: { from: a.text, to: guess } } : undefined,
          loc: a.located.loc,
        });
      }
    }
  },
});
