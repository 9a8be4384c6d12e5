import { didYouMean } from '../../../model/suggest.js';
import { defineCheck } from '../define-check.js';

export const unknownConditionKey = defineCheck({
  code: 'UNKNOWN_CONDITION_KEY',
  severity: 'warning',
  summary: "A condition key that is neither global nor defined by a service of the statement's actions",
  description:
    'A key that no request carries is always absent: `StringEquals` on it never matches (the Allow grants ' +
    "nothing) and negated operators always match. Check the spelling against the service's condition keys.",
  examples: {
    invalid: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::b',
          Condition: { StringLike: { 's3:prefixx': 'home/' } },
        },
      ],
    },
    valid: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::b',
          Condition: { StringLike: { 's3:prefix': 'home/' } },
        },
      ],
    },
  },
  run(ctx) {
    for (const sv of ctx.view.statements) {
      if (sv.statement.condition.length === 0) continue;
      const services = new Set<string>();
      for (const a of sv.actions) {
        if (a.pattern.service) services.add(a.pattern.service);
        else for (const x of a.expanded) services.add(x.service);
      }
      for (const clause of sv.statement.condition) {
        const key = clause.key.value;
        const info = ctx.catalog.conditionKey(key);
        const keyService = key.includes(':') ? key.slice(0, key.indexOf(':')).toLowerCase() : '';
        if (info) continue;
        // Keys of services the data does not describe (e.g. an IdP's `accounts.google.com:aud`) cannot be judged.
        if (keyService !== 'aws' && !ctx.catalog.serviceExists(keyService) && keyService.includes('.'))
          continue;
        const candidates = [
          ...[
            'aws:SourceIp',
            'aws:SourceVpc',
            'aws:SourceVpce',
            'aws:PrincipalArn',
            'aws:PrincipalOrgID',
            'aws:SecureTransport',
            'aws:SourceArn',
            'aws:SourceAccount',
            'aws:ResourceAccount',
            'aws:PrincipalAccount',
            'aws:RequestedRegion',
            'aws:CalledVia',
            'aws:ViaAWSService',
            'aws:MultiFactorAuthPresent',
            'aws:CurrentTime',
            'aws:EpochTime',
            'aws:userid',
            'aws:username',
            'aws:TagKeys',
            'aws:PrincipalType',
          ],
          ...[...services].flatMap((s) => ctx.catalog.serviceConditionKeys(s).map((k) => k.key)),
        ];
        const guess = didYouMean(key, candidates);
        ctx.report({
          statement: sv.statement,
          message: `"${key}" is not a known condition key: an absent key never matches ${clause.operator.value}${guess ? `; did you mean "${guess}"?` : '.'}`,
          loc: clause.key.loc,
        });
      }
    }
  },
});
