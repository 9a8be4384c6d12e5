import { defineCheck } from '../define-check.js';

export const allowNotAction = defineCheck({
  code: 'ALLOW_NOT_ACTION',
  severity: 'security',
  summary: 'Allow with NotAction grants every action except those listed',
  description:
    '`"Effect": "Allow"` with `NotAction` allows every action of every service that is not listed, ' +
    'including actions AWS adds later. Use `Action` with the actions needed.',
  examples: {
    invalid: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] },
    valid: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' }] },
  },
  run(ctx) {
    for (const sv of ctx.view.statements) {
      const notAction = sv.statement.notAction;
      if (sv.statement.effect.value !== 'Allow' || !notAction) continue;
      const listed = notAction.map((a) => a.value).join(', ');
      ctx.report({
        statement: sv.statement,
        message: `Allow with NotAction grants every action except ${listed}, including future ones; list the allowed actions with Action instead.`,
        loc: notAction[0]?.loc ?? sv.statement.loc,
      });
    }
  },
});
