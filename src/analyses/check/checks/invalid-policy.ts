import { defineCheck } from '../define-check.js';

export const invalidPolicy = defineCheck({
  code: 'INVALID_POLICY',
  severity: 'error',
  summary: 'Not a valid policy document: bad JSON, bad Version, missing Effect, misspelled element, ...',
  description:
    'IAM rejects such a document, or ignores the broken statement. The finding names the file, the JSON ' +
    'pointer and the line of the problem.',
  examples: {
    invalid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'allow', Action: 's3:GetObject', Resource: '*' }],
    },
    valid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }],
    },
  },
  run(ctx) {
    for (const e of ctx.parseErrors) {
      const statement = ctx.doc.statements.find((s) => e.pointer.startsWith(`${s.loc.pointer}/`)) ?? null;
      // `/Statement/3/Effect` in a list; `/Statement/Effect` when Statement is a single object.
      const m = /\/Statement\/([^/]+)/.exec(e.pointer);
      ctx.report({
        statement,
        index: m ? (/^\d+$/.test(m[1]!) ? Number(m[1]) : 0) : undefined,
        message: e.message,
        loc: { file: e.file, pointer: e.pointer, line: e.line, column: e.column },
      });
    }
  },
});
