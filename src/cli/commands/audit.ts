import { atOrAbove, formatAwsCallError, formatInputError, type Severity } from '../../model/index.js';
import { defineCommand, FAIL_ON_OPTION } from '../command.js';
import { ExitCode, progress, UsageError } from '../io.js';

export interface AuditCliOptions {
  aws?: boolean;
  profile?: string;
  region?: string[];
  cluster?: string[];
  execPolicy?: boolean;
  format: 'text' | 'json' | 'sarif' | 'markdown';
  failOn: Severity;
}

export const auditCommand = defineCommand<AuditCliOptions>({
  name: 'audit',
  summary:
    'Audit ECS task definitions and their task and execution roles: over-privilege, ECS misuse, trust policies',
  args: '[inputs...]',
  argsDescription:
    'task definitions, describe-services output, get-role output, account authorization details, CloudFormation (JSON/YAML), Terraform plan JSON, plain policies named after their role, or folders of these',
  options: [
    { flags: '--aws', description: 'read the live account (read-only) through the AWS SDK credential chain' },
    { flags: '--profile <name>', description: 'AWS profile for --aws' },
    {
      flags: '--region <region>',
      description: 'region for --aws (repeatable; default: the SDK default region)',
      repeatable: true,
    },
    {
      flags: '--cluster <name>',
      description: 'with --aws: only these clusters (repeatable)',
      repeatable: true,
    },
    {
      flags: '--exec-policy',
      description: 'print the least-privilege execution role policy each task definition implies, and stop',
    },
    {
      flags: '--format <format>',
      description: 'output format',
      choices: ['text', 'json', 'sarif', 'markdown'],
      default: 'text',
    },
    FAIL_ON_OPTION,
  ],
  examples: [
    'scopedown audit examples/seed/',
    'scopedown audit --aws --region us-east-1 --region eu-west-1 --format markdown',
    'scopedown audit task-definition.json --exec-policy',
  ],
  async run(o, inputs, io) {
    if (!o.aws && inputs.length === 0) throw new UsageError('give input files or folders, or --aws');
    if (o.aws && inputs.length > 0)
      throw new UsageError('--aws reads the live account; give either --aws or input files, not both');
    const api = await import('../../api/audit.js');
    const bar = progress(io);
    const result = o.aws
      ? await api.auditAws(
          { regions: o.region ?? [], profile: o.profile, clusters: o.cluster },
          {
            onAws: (p) => bar.update(`reading ${p.phase}: ${p.done}${p.total ? `/${p.total}` : ''}`),
            onRoles: (d, t) => bar.update(`auditing roles: ${d}/${t}`),
          },
        )
      : await api.auditPaths(inputs, {
          onFiles: (d, t) => bar.update(`reading files: ${d}/${t}`),
          onRoles: (d, t) => bar.update(`auditing roles: ${d}/${t}`),
        });
    bar.done();
    for (const e of result.errors) io.stderr.write(`${formatInputError(e)}\n`);
    for (const e of result.awsErrors) io.stderr.write(`${formatAwsCallError(e)}\n`);
    const { report } = result;
    if (o.execPolicy) {
      const out = Object.fromEntries(report.taskDefinitions.map((t) => [t.id, t.executionRolePolicy]));
      io.stdout.write(
        `${JSON.stringify(report.taskDefinitions.length === 1 ? report.taskDefinitions[0]!.executionRolePolicy : out, null, 2)}\n`,
      );
      for (const t of report.taskDefinitions) for (const n of t.notes) io.stderr.write(`${t.id}: ${n}\n`);
    } else {
      const reports = await import('../../reports/audit.js');
      if (o.format === 'json') io.stdout.write(`${JSON.stringify(reports.auditToJson(report), null, 2)}\n`);
      else if (o.format === 'markdown') io.stdout.write(reports.renderAuditMarkdown(report));
      else if (o.format === 'sarif') {
        const [{ CHECKS }, { AUDIT_CODES }, { VERSION }] = await Promise.all([
          import('../../analyses/check/index.js'),
          import('../../analyses/audit/index.js'),
          import('../version.js'),
        ]);
        const rules = [...CHECKS.filter((c) => !AUDIT_CODES.some((a) => a.code === c.code)), ...AUDIT_CODES];
        io.stdout.write(reports.renderAuditSarif(report, rules, VERSION, io.cwd));
      } else io.stdout.write(reports.renderAuditText(report, io.isTTY && !io.env.NO_COLOR));
    }
    if (result.errors.length > 0 || result.awsErrors.length > 0) return ExitCode.BadInput;
    if (o.execPolicy) return ExitCode.Ok;
    const all = [
      ...report.findings,
      ...report.taskDefinitions.flatMap((t) => t.findings),
      ...report.roles.flatMap((r) => r.findings),
    ];
    return all.some((f) => atOrAbove(f.severity, o.failOn)) ? ExitCode.Findings : ExitCode.Ok;
  },
});
