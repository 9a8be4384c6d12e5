import { serviceWildcardOf } from '../../evaluate/match/action-pattern.js';
import { defineCheck } from '../define-check.js';

export const serviceWildcard = defineCheck({
  code: 'SERVICE_WILDCARD',
  severity: 'security',
  summary: 'Allows every action of a service (e.g. "s3:*")',
  description:
    'A whole-service wildcard grants reads, writes, deletes and permission changes alike, today and ' +
    'whatever the service adds later. List the actions the application calls.',
  examples: {
    invalid: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
    valid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' }],
    },
  },
  run(ctx) {
    for (const sv of ctx.view.statements) {
      if (sv.statement.effect.value !== 'Allow' || sv.negatedActions) continue;
      for (const a of sv.actions) {
        const service = serviceWildcardOf(a.text);
        if (!service || !ctx.catalog.serviceExists(service)) continue;
        const actions = ctx.catalog.actions(service);
        const levels = new Set(actions.flatMap((x) => x.accessLevels));
        const risky = ['Write', 'Permissions management'].filter((l) => levels.has(l as 'Write'));
        ctx.report({
          statement: sv.statement,
          action: a.text,
          message:
            `"${a.text}" allows all ${actions.length} ${ctx.catalog.serviceName(service) ?? service} actions` +
            `${risky.length ? `, ${risky.join(' and ')} included` : ''}; list only the actions the application calls.`,
          loc: a.located.loc,
        });
      }
    }
  },
});
