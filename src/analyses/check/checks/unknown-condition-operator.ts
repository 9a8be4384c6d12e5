import { didYouMean } from '../../../model/suggest.js';
import { ALL_OPERATORS, parseOperator } from '../../evaluate/match/condition-operator.js';
import { defineCheck } from '../define-check.js';

export const unknownConditionOperator = defineCheck({
  code: 'UNKNOWN_CONDITION_OPERATOR',
  severity: 'error',
  summary: 'A condition operator that does not exist',
  description:
    'A misspelled operator such as `StringEqualz` never matches: an Allow with it grants nothing and, worse, ' +
    "a Deny with it never denies. scopedown's engine treats such a policy as an error, never as a skipped Deny.",
  examples: {
    invalid: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringEqualz: { 'aws:PrincipalTag/env': 'dev' } },
        },
      ],
    },
    valid: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalTag/env': 'dev' } },
        },
      ],
    },
  },
  run(ctx) {
    for (const sv of ctx.view.statements) {
      const seen = new Set<string>();
      for (const clause of sv.statement.condition) {
        const op = clause.operator.value;
        if (seen.has(op) || parseOperator(op)) continue;
        seen.add(op);
        const guess = didYouMean(op, ALL_OPERATORS);
        const effect =
          sv.statement.effect.value === 'Deny' ? 'this Deny never applies' : 'this Allow never applies';
        ctx.report({
          statement: sv.statement,
          message: `"${op}" is not a condition operator, so ${effect}${guess ? `; did you mean "${guess}"?` : '.'}`,
          fix: guess ? { replaceOperator: { from: op, to: guess } } : undefined,
          loc: clause.operator.loc,
        });
      }
    }
  },
});
