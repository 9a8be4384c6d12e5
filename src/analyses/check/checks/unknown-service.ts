import { didYouMean } from '../../../model/suggest.js';
import { isFullWildcard } from '../../evaluate/match/action-pattern.js';
import { defineCheck } from '../define-check.js';

export const unknownService = defineCheck({
  code: 'UNKNOWN_SERVICE',
  severity: 'error',
  summary: 'An action names a service prefix that does not exist',
  description:
    'The part before the colon must be an IAM service prefix (`s3`, `dynamodb`, `secretsmanager` ...). ' +
    'An unknown prefix matches nothing: the Allow grants nothing, the Deny denies nothing.',
  examples: {
    invalid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's4:GetObject', Resource: '*' }],
    },
    valid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }],
    },
  },
  run(ctx) {
    for (const sv of ctx.view.statements) {
      for (const a of sv.actions) {
        if (isFullWildcard(a.text)) continue;
        const colon = a.text.indexOf(':');
        const service = a.pattern.service;
        if (colon < 0 || service === null || ctx.catalog.serviceExists(service)) continue;
        const guess = didYouMean(service, ctx.catalog.services());
        const rest = a.text.slice(colon);
        ctx.report({
          statement: sv.statement,
          action: a.text,
          message: `"${a.text.slice(0, colon)}" is not a service prefix in the service reference (${ctx.catalog.dataVersion}): a typo, or a retired or undocumented service, so it grants nothing${guess ? `; did you mean "${guess}${rest}"?` : '.'}`,
          fix: guess ? { replaceAction: { from: a.text, to: `${guess}${rest}` } } : undefined,
          loc: a.located.loc,
        });
      }
    }
  },
});
