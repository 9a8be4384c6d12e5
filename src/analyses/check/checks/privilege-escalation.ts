import { defineCheck } from '../define-check.js';
import type { StatementView } from '../policy-view.js';
import { ESCALATION_PATHS } from './privilege-escalation-utils/paths.js';

/**
 * Roles or resources named only by wildcard: `*`, `arn:aws:iam::*:role/*`, `arn:aws:iam::1:role/*`.
 * An ARN of another service (`arn:aws:ec2:*:*:*` beside a named role) names no role.
 */
function anyResource(sv: StatementView): boolean {
  return sv.resources.some((r) => {
    const service = r.text.split(':')[2];
    if (service !== undefined && service !== 'iam' && !/[*?]/.test(service)) return false;
    return r.text === '*' || /:(role|user|group|policy)?\/?\*$/.test(r.text) || r.text.endsWith(':*');
  });
}

/** Actions that only escalate when their resource is open-ended (a named role is a deliberate grant). */
const NEEDS_BROAD_RESOURCE = new Set(['iam:PassRole', 'sts:AssumeRole']);

export const privilegeEscalation = defineCheck({
  code: 'PRIVILEGE_ESCALATION',
  severity: 'security',
  summary: 'Allows actions that let the holder raise its own privileges',
  description:
    'Some actions, alone or together, let a principal grant itself more: `iam:PassRole` on `*` with a ' +
    'service that runs code, `iam:CreatePolicyVersion`, `iam:AttachRolePolicy`, `iam:PutRolePolicy` ... ' +
    'A task role almost never needs them; scope `iam:PassRole` to named roles with `iam:PassedToService`.',
  examples: {
    invalid: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
    },
    valid: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: 'arn:aws:iam::111122223333:role/app-task-role',
          Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        },
      ],
    },
  },
  run(ctx) {
    // Where each action is granted (first Allow statement), with whether the grant is open-ended.
    const granted = new Map<string, { sv: StatementView; broad: boolean }>();
    for (const sv of ctx.view.statements) {
      if (sv.statement.effect.value !== 'Allow' || sv.negatedActions || sv.negatedResources) continue;
      const broad = anyResource(sv);
      for (const key of sv.allowedActions.keys()) {
        const prev = granted.get(key);
        if (!prev || (!prev.broad && broad)) granted.set(key, { sv, broad });
      }
    }
    // One finding per statement, naming every path it opens.
    const byStatement = new Map<StatementView, string[]>();
    for (const path of ESCALATION_PATHS) {
      const grants = path.actions.map((a) => granted.get(a));
      if (grants.some((g) => !g)) continue;
      if (path.actions.some((a, i) => NEEDS_BROAD_RESOURCE.has(a) && !grants[i]!.broad)) continue;
      const lead = path.actions[0]!;
      const combo = path.actions.length > 1 ? ` with ${path.actions.slice(1).join(' and ')}` : '';
      const onAll = NEEDS_BROAD_RESOURCE.has(lead) ? ' on any role' : '';
      const list = byStatement.get(grants[0]!.sv) ?? [];
      list.push(`${lead}${onAll}${combo} ${path.why}`);
      byStatement.set(grants[0]!.sv, list);
    }
    for (const [sv, reasons] of byStatement) {
      const lead = reasons[0]!.split(' ')[0]!;
      const entry = sv.actions.find((e) => e.expanded.some((x) => x.key === lead));
      const more =
        reasons.length > 1
          ? ` (and ${reasons.length - 1} more way${reasons.length > 2 ? 's' : ''} to escalate)`
          : '';
      ctx.report({
        statement: sv.statement,
        action: lead,
        message: `${reasons[0]}${more}; remove it or limit it to named resources.`,
        loc: entry?.located.loc ?? sv.statement.loc,
      });
    }
  },
});
