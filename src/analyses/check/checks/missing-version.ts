import { defineCheck } from '../define-check.js';

export const missingVersion = defineCheck({
  code: 'MISSING_VERSION',
  severity: 'warning',
  summary: 'No "Version": "2012-10-17": policy variables are read as literal text',
  description:
    'Without `"Version": "2012-10-17"` (or with the old `2008-10-17`) IAM treats `${aws:username}` and other ' +
    'policy variables as plain text, and newer features are unavailable. Add the current version.',
  examples: {
    invalid: {
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }],
    },
    valid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    },
  },
  run(ctx) {
    const v = ctx.doc.version;
    if (v?.value === '2012-10-17') return;
    if (v && v.value !== '2008-10-17') return; // an invalid Version is INVALID_POLICY's
    // The parser drops an invalid Version and reports it: that is INVALID_POLICY's too.
    if (!v && ctx.parseErrors.some((e) => e.pointer === `${ctx.doc.loc.pointer}/Version`)) return;
    ctx.report({
      statement: null,
      message: v
        ? 'Version "2008-10-17" reads policy variables as literal text; use "2012-10-17".'
        : 'No Version: IAM uses "2008-10-17", which reads policy variables as literal text; add "Version": "2012-10-17".',
      fix: { setVersion: '2012-10-17' },
      loc: v?.loc ?? ctx.doc.loc,
    });
  },
});
