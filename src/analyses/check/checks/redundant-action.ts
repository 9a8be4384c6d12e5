import { defineCheck } from '../define-check.js';

export const redundantAction = defineCheck({
  code: 'REDUNDANT_ACTION',
  severity: 'suggestion',
  summary: 'An action already covered by another entry of the same statement',
  description:
    'Listing `s3:GetObject` next to `s3:Get*` (or twice) changes nothing; the extra entry hides what the ' +
    'statement really grants. Remove it, or narrow the wildcard it is covered by.',
  examples: {
    invalid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:GetObject'], Resource: 'arn:aws:s3:::b/*' }],
    },
    valid: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::b/*' },
      ],
    },
  },
  run(ctx) {
    for (const sv of ctx.view.statements) {
      const entries = sv.actions.filter((a) => a.expanded.length > 0);
      if (entries.length < 2) continue;
      const sets = entries.map((a) => ctx.view.cache.keys(a.expanded));
      entries.forEach((a, i) => {
        const mine = sets[i]!;
        const coveredBy = entries.findIndex((_, j) => {
          if (j === i) return false;
          const other = sets[j]!;
          if (other.size < mine.size) return false;
          // Of two equal entries, the later one is the redundant one.
          if (other.size === mine.size && j > i) return false;
          for (const k of mine) if (!other.has(k)) return false;
          return true;
        });
        if (coveredBy < 0) return;
        const by = entries[coveredBy]!.text;
        ctx.report({
          statement: sv.statement,
          action: a.text,
          message: `"${a.text}" is already covered by "${by}" in this statement; remove it.`,
          fix: { removeAction: a.text },
          loc: a.located.loc,
        });
      });
    }
  },
});
