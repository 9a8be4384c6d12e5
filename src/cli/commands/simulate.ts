import type { AuthorizationRequest, Decision } from '../../model/index.js';
import { formatInputError } from '../../model/index.js';
import { defineCommand } from '../command.js';
import { ExitCode, UsageError } from '../io.js';

export interface SimulateOptions {
  policy?: string[];
  action: string;
  resource: string;
  resourcePolicy?: string;
  resourceKind: 'generic' | 'kms:key' | 'iam:role-trust';
  resourceAccount?: string;
  boundary?: string;
  sessionPolicy?: string;
  scp?: string[];
  rcp?: string[];
  context?: string[];
  principal?: string;
  expect?: Decision;
  format: 'text' | 'json';
}

export const simulateCommand = defineCommand<SimulateOptions>({
  name: 'simulate',
  summary:
    'Evaluate one request against identity, resource, boundary, session, SCP and RCP policies, and explain the decision',
  options: [
    { flags: '--policy <file>', description: 'identity-based policy (repeatable)', repeatable: true },
    { flags: '--action <action>', description: 'the action, e.g. s3:GetObject (required)' },
    {
      flags: '--resource <arn>',
      description: 'the resource ARN, or * for actions without a resource type',
      default: '*',
    },
    {
      flags: '--resource-policy <file>',
      description: 'resource-based policy (bucket policy, key policy, trust policy)',
    },
    {
      flags: '--resource-kind <kind>',
      description: 'how the resource policy is weighed',
      choices: ['generic', 'kms:key', 'iam:role-trust'],
      default: 'generic',
    },
    { flags: '--resource-account <id>', description: "the resource's account when its ARN has none (S3)" },
    { flags: '--boundary <file>', description: 'permissions boundary' },
    { flags: '--session-policy <file>', description: 'session policy' },
    {
      flags: '--scp <files>',
      description: 'SCPs of one level, comma-separated; repeat per level from root to account',
      repeatable: true,
    },
    {
      flags: '--rcp <files>',
      description: 'RCPs of one level, comma-separated; repeat per level',
      repeatable: true,
    },
    {
      flags: '--context <key=value>',
      description: 'request context entry; repeat a key for a multivalued key',
      repeatable: true,
    },
    {
      flags: '--principal <arn>',
      description:
        'caller: role, session, user, root ARN or service name (default: a session of a role in the resource account)',
    },
    {
      flags: '--expect <decision>',
      description: 'exit 1 unless the decision is this',
      choices: ['Allow', 'ImplicitDeny', 'ExplicitDeny'],
    },
    { flags: '--format <format>', description: 'output format', choices: ['text', 'json'], default: 'text' },
  ],
  examples: [
    'scopedown simulate --policy examples/seed/scoped-policy.json --action s3:PutObject --resource arn:aws:s3:::my-app-data-bucket/x',
    'scopedown simulate --policy role.json --resource-policy bucket.json --action s3:GetObject --resource arn:aws:s3:::b/k --principal arn:aws:iam::111122223333:role/app --format json',
  ],
  async run(o, _args, io) {
    if (!o.action) throw new UsageError('--action is required (e.g. --action s3:GetObject)');
    const { readPolicies, principalFromArn, simulate } = await import('../../api/evaluate.js');
    const one = async (path: string | undefined) =>
      path ? await readPolicies([path]) : { policies: [], errors: [] };
    const levels = async (specs: string[] | undefined) => {
      if (!specs) return { levels: null, errors: [] };
      const all = await Promise.all(specs.map((s) => readPolicies(s.split(',').filter(Boolean))));
      return { levels: all.map((l) => l.policies), errors: all.flatMap((l) => l.errors) };
    };
    const identity = await readPolicies(o.policy ?? []);
    const [resource, boundary, session, scps, rcps] = await Promise.all([
      one(o.resourcePolicy),
      one(o.boundary),
      one(o.sessionPolicy),
      levels(o.scp),
      levels(o.rcp),
    ]);
    const inputErrors = [
      ...identity.errors,
      ...resource.errors,
      ...boundary.errors,
      ...session.errors,
      ...scps.errors,
      ...rcps.errors,
    ];
    for (const e of inputErrors) io.stderr.write(`${formatInputError(e)}\n`);
    if (inputErrors.length) return ExitCode.BadInput;

    const context: Record<string, string | string[]> = {};
    for (const entry of o.context ?? []) {
      const eq = entry.indexOf('=');
      if (eq <= 0) throw new UsageError(`--context ${JSON.stringify(entry)}: expected key=value`);
      const key = entry.slice(0, eq);
      const value = entry.slice(eq + 1);
      const prev = context[key];
      context[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
    }
    const account =
      o.resourceAccount ?? /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(o.resource)?.[1] ?? '111122223333';
    const principal = principalFromArn(
      o.principal ?? `arn:aws:iam::${account}:role/scopedown-simulated-role`,
    );
    const request: AuthorizationRequest = { principal, action: o.action, resource: o.resource, context };
    if (o.resourceAccount) request.resourceAccount = o.resourceAccount;
    const result = simulate({
      policies: identity.policies,
      resourcePolicy: resource.policies[0] ?? null,
      resourceKind: o.resourceKind,
      boundary: boundary.policies[0] ?? null,
      session: session.policies[0] ?? null,
      scps: scps.levels,
      rcps: rcps.levels,
      request,
    });
    if (o.format === 'json') {
      const { simulateToJson } = await import('../../reports/json/evaluate.js');
      io.stdout.write(`${JSON.stringify(simulateToJson(result), null, 2)}\n`);
    } else {
      const { renderSimulateText } = await import('../../reports/text/evaluate.js');
      io.stdout.write(renderSimulateText(result, io.isTTY && !io.env.NO_COLOR));
    }
    if (result.errors.length) {
      for (const e of result.errors) io.stderr.write(`scopedown simulate: ${e}\n`);
      return ExitCode.BadInput;
    }
    return o.expect && o.expect !== result.decision ? ExitCode.Findings : ExitCode.Ok;
  },
});
