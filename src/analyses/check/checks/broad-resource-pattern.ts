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
          types.set(t.arnFormat, { name: t.name, format: t.arnFormat });
      }
      for (const r of sv.resources) {
        if (r.text === '*' || !/[*?]/.test(r.text)) continue;
        const parts = splitArn(r.text);
        if (parts.length < 6) continue;
        const mine = collapse(parts[5]!);
        const hit = [...types.values()].find((t) => {
          const f = splitArn(t.format);
          return f[2] === parts[2] && (mine === '*' || mine === collapse(genericResource(t.format)));
        });
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
