import { defineCheck } from '../define-check.js';

export const allowNotResource = defineCheck({
  code: 'ALLOW_NOT_RESOURCE',
  severity: 'security',
  summary: 'Allow with NotResource grants the actions on every resource except those listed',
  description:
    '`"Effect": "Allow"` with `NotResource` grants the actions on every other resource in every account, ' +
    'including resources created later. Use `Resource` with the resources needed.',
  examples: {
    invalid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }],
    },
    valid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::public/*' }],
    },
  },
  run(ctx) {
    for (const sv of ctx.view.statements) {
      const notResource = sv.statement.notResource;
      if (sv.statement.effect.value !== 'Allow' || !notResource) continue;
      ctx.report({
        statement: sv.statement,
        resource: notResource[0]?.value,
        message: `Allow with NotResource grants the actions on every resource except ${notResource.map((r) => r.value).join(', ')}; name the allowed resources with Resource instead.`,
        loc: notResource[0]?.loc ?? sv.statement.loc,
      });
    }
  },
});
