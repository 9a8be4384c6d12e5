import { splitArn } from '../../evaluate/match/arn.js';
import { defineCheck } from '../define-check.js';

/** The resource part of a format with each placeholder as `*`: `${BucketName}/${ObjectName}` → `*\/*`. */
function genericResource(format: string): string {
  return (splitArn(format)[5] ?? '').replace(/\$\{[^}]+\}/g, '*');
}

function collapse(text: string): string {
  return text.replace(/[*?]+/g, '*');
}

export const broadResourcePattern = defineCheck({
  code: 'BROAD_RESOURCE_PATTERN',
  severity: 'security',
  summary:
    'A resource pattern that names every resource of its type, e.g. arn:aws:s3:::*/* (every object of every bucket)',
  description:
    'An ARN whose identifying parts are all wildcards is `"Resource": "*"` in disguise: `arn:aws:s3:::*/*` ' +
    'reaches every object of every bucket in every account, `arn:aws:dynamodb:*:*:table/*` every table. ' +
    'Name the buckets, tables, queues or secrets the application uses.',
  examples: {
    invalid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' }],
    },
    valid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-app-data-bucket/*' }],
    },
  },
  run(ctx) {
    for (const sv of ctx.view.statements) {
      if (sv.statement.effect.value !== 'Allow' || sv.negatedResources || sv.negatedActions) continue;
      const types = new Map<string, { name: string; format: string }>();
      for (const a of sv.allowedActions.values()) {
        for (const t of ctx.catalog.resourceTypesOf(a))
          for (const f of t.arnFormats) types.set(f, { name: t.name, format: f });
      }
      for (const r of sv.resources) {
        if (r.text === '*' || !/[*?]/.test(r.text)) continue;
        const parts = splitArn(r.text);
        if (parts.length < 6) continue;
        const mine = collapse(parts[5]!);
        // Of the types the pattern covers, name the one whose region and account parts it spells
        // (a bucket's empty ones, not an access point's).
        let hit: { name: string; format: string } | undefined;
        let best = -1;
        for (const t of types.values()) {
          const f = splitArn(t.format);
          if (f[2] !== parts[2] || (mine !== '*' && mine !== collapse(genericResource(t.format)))) continue;
          const score = (f[3] === parts[3] ? 1 : 0) + (f[4] === parts[4] ? 1 : 0);
          if (score > best) {
            best = score;
            hit = t;
          }
        }
        if (!hit) continue;
        const account = parts[4] ?? '';
        const scope = account === '' || /[*?]/.test(account) ? 'in every account' : `in account ${account}`;
        ctx.report({
          statement: sv.statement,
          resource: r.text,
          message: `"${r.text}" names every ${hit.name} ${scope}; name the ${hit.name}s the application uses.`,
          loc: r.located.loc,
        });
      }
    }
  },
});
