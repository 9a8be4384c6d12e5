import type { Catalog } from '../../../catalog/index.js';
import { didYouMean } from '../../../model/suggest.js';
import { arnPatternProblem, splitArn, withoutVariables } from '../../evaluate/match/arn.js';
import { defineCheck } from '../define-check.js';

const arnServicesByCatalog = new WeakMap<Catalog, Set<string>>();

/** Service names as they appear in ARNs; mostly IAM prefixes, but not always (e.g. `execute-api`). */
function arnServices(catalog: Catalog): Set<string> {
  let set = arnServicesByCatalog.get(catalog);
  if (!set) {
    set = new Set(catalog.services());
    for (const s of catalog.services()) {
      for (const t of catalog.resourceTypes(s)) {
        for (const f of t.arnFormats) {
          const service = splitArn(f)[2];
          if (service && !service.includes('$')) set.add(service);
        }
      }
    }
    arnServicesByCatalog.set(catalog, set);
  }
  return set;
}

export const invalidArn = defineCheck({
  code: 'INVALID_ARN',
  severity: 'error',
  summary: 'A resource that is not a well-formed ARN (or "*")',
  description:
    'Resources are `*` or ARNs with six colon-separated parts: `arn:partition:service:region:account:resource`. ' +
    'S3 ARNs keep the empty region and account: `arn:aws:s3:::bucket`, not `arn:aws:s3::bucket`. ' +
    'A malformed ARN matches nothing.',
  examples: {
    invalid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3::my-bucket' }],
    },
    valid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::my-bucket' }],
    },
  },
  run(ctx) {
    for (const sv of ctx.view.statements) {
      for (const r of sv.resources) {
        // The classic S3 slip, one colon short; `arn:aws:s3::b/*` gets past arnPatternProblem (trailing *).
        const s3Slip = /^arn:aws:s3::[^:]+$/.test(withoutVariables(r.text)) && r.text !== 'arn:aws:s3::*';
        let problem =
          arnPatternProblem(r.text) ??
          (s3Slip
            ? `"${r.text}" has 5 of the 6 colon-separated parts of an ARN (arn:partition:service:region:account:resource)`
            : null);
        let fix: { replaceResource: { from: string; to: string } } | undefined;
        if (!problem) {
          const service = splitArn(withoutVariables(r.text))[2];
          if (service && !/[*?]/.test(service) && !arnServices(ctx.catalog).has(service)) {
            const guess = didYouMean(service, arnServices(ctx.catalog));
            problem = `"${r.text}" names the unknown service "${service}"${guess ? `; did you mean "${guess}"?` : ''}`;
          }
        } else if (s3Slip) {
          const to = r.text.replace('arn:aws:s3::', 'arn:aws:s3:::');
          fix = { replaceResource: { from: r.text, to } };
          problem += `; did you mean "${to}"?`;
        }
        if (!problem) continue;
        ctx.report({
          statement: sv.statement,
          resource: r.text,
          message: problem.endsWith('?') ? problem : `${problem}.`,
          fix,
          loc: r.located.loc,
        });
      }
    }
  },
});
