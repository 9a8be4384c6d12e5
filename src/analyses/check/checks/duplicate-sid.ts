import { defineCheck } from '../define-check.js';

export const duplicateSid = defineCheck({
  code: 'DUPLICATE_SID',
  severity: 'error',
  summary: 'Two statements share a Sid',
  description: 'IAM requires each Sid to be unique within a policy and rejects the document otherwise.',
  examples: {
    invalid: {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' },
        { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
      ],
    },
    valid: {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ReadA', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' },
        { Sid: 'ReadB', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
      ],
    },
  },
  run(ctx) {
    const first = new Map<string, number>();
    for (const st of ctx.doc.statements) {
      if (!st.sid) continue;
      const earlier = first.get(st.sid.value);
      if (earlier === undefined) {
        first.set(st.sid.value, st.index);
        continue;
      }
      ctx.report({
        statement: st,
        message: `Sid "${st.sid.value}" is already used by statement ${earlier}; give each statement its own Sid.`,
        loc: st.sid.loc,
      });
    }
  },
});
