import type { UsageView } from '../../analyses/usage/aggregate.js';
import { formatAwsCallError, formatInputError } from '../../model/index.js';
import type { UsageOutputJson } from '../../reports/usage.js';
import { defineCommand } from '../command.js';
import { ExitCode, progress, UsageError } from '../io.js';
import { type AthenaCliOptions, athenaSettings, athenaSource, bytesText } from './usage-athena.js';

export interface UsageCliOptions extends AthenaCliOptions {
  cloudtrail?: string[];
  lookupEvents?: boolean;
  role?: string[];
  since?: string;
  until?: string;
  format: 'text' | 'json';
  cache: boolean;
  workers?: string;
  region?: string;
  profile?: string;
  athena?: boolean;
  printSql?: boolean;
  tasks?: string[];
  by?: 'task' | 'revision';
}

function date(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime()))
    throw new UsageError(
      `${flag} ${JSON.stringify(value)}: expected a date such as 2026-11-01 or 2026-11-01T12:00:00Z`,
    );
  return d;
}

export const usageCommand = defineCommand<UsageCliOptions>({
  name: 'usage',
  summary:
    'What a role really used, from CloudTrail: exact actions and resources, counts, first/last seen, denials',
  options: [
    {
      flags: '--cloudtrail <path>',
      description: 'trail files or folders (.json.gz, .json, any layout), or s3://bucket/prefix (repeatable)',
      repeatable: true,
    },
    {
      flags: '--lookup-events',
      description:
        'read management events with CloudTrail LookupEvents (2 requests/s, 90 days, no data events)',
    },
    {
      flags: '--role <arn>',
      description: 'role ARN, IAM path included (repeatable; default: every role in the trail)',
      repeatable: true,
    },
    { flags: '--since <date>', description: 'first day or instant (UTC) to count' },
    {
      flags: '--until <date>',
      description: 'last instant to count; files delivered up to an hour later are read',
    },
    {
      flags: '--tasks <path>',
      description:
        "ECS task data naming each task's task definition (describe-tasks output, task state change events, trails with RunTask records; repeatable): usage per revision",
      repeatable: true,
    },
    {
      flags: '--by <view>',
      description:
        "also split each role's usage per ECS task (session), or per task definition revision (with --tasks)",
      choices: ['task', 'revision'],
    },
    { flags: '--format <format>', description: 'output format', choices: ['text', 'json'], default: 'text' },
    { flags: '--no-cache', description: 'ignore the per-file cache (~/.cache/scopedown/usage)' },
    { flags: '--workers <n>', description: 'worker threads (default: one per core)' },
    { flags: '--region <region>', description: 'region for s3://, LookupEvents and Athena' },
    { flags: '--profile <name>', description: 'AWS profile for s3://, LookupEvents and Athena' },
    {
      flags: '--athena',
      description:
        'run the aggregation as SQL in Amazon Athena over a CloudTrail table (cost: bytes scanned)',
    },
    {
      flags: '--athena-table <db.table>',
      description: 'the CloudTrail table (default: default.scopedown_cloudtrail)',
    },
    {
      flags: '--athena-create-table <s3url>',
      description:
        'first create the table (if absent) over s3://bucket/[prefix/][AWSLogs/[o-ORG/]], with partition projection',
    },
    {
      flags: '--athena-accounts <ids>',
      description: "accounts the created table projects, comma-separated (default: the roles' accounts)",
    },
    {
      flags: '--athena-regions <regions>',
      description: 'Regions the created table projects, comma-separated (default: every commercial Region)',
    },
    {
      flags: '--athena-day-partition <column>',
      description:
        'for a table scopedown did not create: its yyyy/MM/dd day partition column, to read only the window',
    },
    { flags: '--athena-workgroup <name>', description: 'Athena workgroup (default: primary)' },
    {
      flags: '--athena-output <s3url>',
      description: 'where Athena writes query results (needed unless the workgroup sets it)',
    },
    { flags: '--print-sql', description: 'with --athena: print the SQL it would run, and run nothing' },
  ],
  examples: [
    'scopedown usage --cloudtrail trail/ --role arn:aws:iam::123456789012:role/MyECSTaskRole',
    'scopedown usage --cloudtrail s3://my-trail-bucket/prefix --role arn:aws:iam::123456789012:role/MyECSTaskRole --since 2026-09-01',
    'scopedown usage --athena --athena-create-table s3://my-trail-bucket/prefix --athena-output s3://my-athena-results/ --role arn:aws:iam::123456789012:role/MyECSTaskRole --since 2026-09-01',
  ],
  async run(o, _args, io) {
    const sources = o.cloudtrail ?? [];
    if (sources.length === 0 && !o.lookupEvents && !o.athena)
      throw new UsageError('give --cloudtrail PATH|s3://bucket/prefix, --lookup-events or --athena');
    const athenaFlags = [
      o.athenaTable,
      o.athenaCreateTable,
      o.athenaAccounts,
      o.athenaRegions,
      o.athenaDayPartition,
      o.athenaWorkgroup,
      o.athenaOutput,
      o.printSql,
    ];
    if (!o.athena && athenaFlags.some((f) => f !== undefined))
      throw new UsageError('--athena-* and --print-sql options need --athena');
    let since = date('--since', o.since);
    const until = date('--until', o.until);
    const roles = o.role ?? [];
    for (const r of roles)
      if (!/^arn:aws[a-z-]*:iam::\d{12}:role\//.test(r))
        throw new UsageError(
          `--role ${JSON.stringify(r)}: expected a role ARN (arn:aws:iam::ACCOUNT:role/PATH/NAME)`,
        );
    const workers = o.workers === undefined ? undefined : Number(o.workers);
    if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0))
      throw new UsageError('--workers: expected a whole number');
    if (o.athena && since === undefined) {
      // Athena bills by bytes scanned: an open window would read the whole trail.
      since = new Date((until ?? new Date()).getTime() - 90 * 24 * 3600 * 1000);
      io.stderr.write(
        `--athena without --since: reading the 90 days from ${since.toISOString().slice(0, 10)}\n`,
      );
    }
    const athena = o.athena ? athenaSettings(o, roles) : undefined;
    const by = o.by ?? (o.tasks ? 'revision' : undefined);
    if (by === 'revision' && !o.tasks)
      throw new UsageError(
        '--by revision needs --tasks: the task data that says which revision each task ran',
      );
    let view: UsageView | undefined;
    let taskErrors = 0;
    if (o.tasks) {
      const { readTaskAttribution } = await import('../../sources/ecs-tasks.read.js');
      const read = await readTaskAttribution(o.tasks);
      for (const e of read.errors) io.stderr.write(`${formatInputError(e)}\n`);
      taskErrors = read.errors.length;
      view = by === 'task' ? { by: 'task', tasks: read.tasks } : { by: 'revision', tasks: read.tasks };
    } else if (by === 'task') view = { by: 'task' };
    if (athena && o.printSql) {
      const { athenaStatements } = await import('../../api/usage-athena.js');
      const statements = athenaStatements({ ...athena, roles, ...(view ? { view } : {}), since, until });
      io.stdout.write(`${statements.join(';\n\n')};\n`);
      return ExitCode.Ok;
    }
    const [{ runUsage }, reports, { VERSION }] = await Promise.all([
      import('../../api/usage.js'),
      import('../../reports/usage.js'),
      import('../version.js'),
    ]);
    const bar = progress(io);
    const started = Date.now();
    const options = {
      roles,
      ...(view ? { view } : {}),
      since,
      until,
      workers,
      cache: o.cache ? undefined : null,
      cacheVersion: VERSION,
      onProgress: (p: { filesDone: number; filesTotal: number; bytes: number; records: number }) => {
        const secs = (Date.now() - started) / 1000;
        const rate = secs > 0 ? Math.round(p.records / secs) : 0;
        const eta = p.filesDone > 0 ? Math.round((secs / p.filesDone) * (p.filesTotal - p.filesDone)) : 0;
        bar.update(
          `files ${p.filesDone}/${p.filesTotal}, ${p.records.toLocaleString('en-US')} records, ${rate.toLocaleString('en-US')} records/s, ETA ${eta}s`,
        );
      },
    };
    const window = {
      since: since?.toISOString().replace('.000', '') ?? null,
      until: until?.toISOString().replace('.000', '') ?? null,
    };
    const { UsageAggregate } = await import('../../analyses/usage/aggregate.js');
    // Every source's records in one aggregate (records read from two sources count twice).
    const total = new UsageAggregate({ roles, since, until, ...(view ? { view } : {}) });
    let files = 0;
    let bad = taskErrors;
    let source: UsageOutputJson['source'] = { kind: 'files' };
    const local = sources.filter((s) => !s.startsWith('s3://'));
    const remote = sources.filter((s) => s.startsWith('s3://'));
    const collect = (aggregate: InstanceType<typeof UsageAggregate>) => total.merge(aggregate);
    if (local.length > 0) {
      const result = await runUsage(local, options);
      for (const e of result.errors) io.stderr.write(`${formatInputError(e)}\n`);
      bad += result.errors.length;
      files += result.files;
      collect(result.aggregate);
    }
    if (remote.length > 0) {
      const { usageFromS3 } = await import('../../api/usage-aws.js');
      source = { kind: 's3' };
      for (const url of remote) {
        const r = await usageFromS3(url, { ...options, region: o.region, profile: o.profile });
        for (const e of r.result.errors) io.stderr.write(`${formatInputError(e)}\n`);
        for (const e of r.awsErrors) io.stderr.write(`${formatAwsCallError(e)}\n`);
        bad += r.result.errors.length + r.awsErrors.length;
        files += r.result.files;
        collect(r.result.aggregate);
      }
    }
    if (o.lookupEvents) {
      const { usageFromLookup } = await import('../../api/usage-aws.js');
      io.stderr.write(
        'LookupEvents is limited to 2 requests/s and returns management events only (no S3 object or DynamoDB item events).\n',
      );
      const r = await usageFromLookup({
        roles,
        since,
        until,
        region: o.region,
        profile: o.profile,
        ...(view ? { view } : {}),
      });
      for (const e of r.awsErrors) io.stderr.write(`${formatAwsCallError(e)}\n`);
      bad += r.awsErrors.length;
      collect(r.aggregate);
      source = { kind: 'lookup-events', note: 'management events only, at most 90 days, 2 requests/s' };
    }
    if (athena) {
      const { usageFromAthena } = await import('../../api/usage-athena.js');
      // Ctrl-C stops the running query rather than leave it scanning (and billing) on its own.
      const interrupt = new AbortController();
      const unregister = io.onInterrupt?.(() => interrupt.abort());
      const r = await usageFromAthena({
        ...athena,
        roles,
        ...(view ? { view } : {}),
        since,
        until,
        region: o.region,
        profile: o.profile,
        signal: interrupt.signal,
        onPoll: (state, ms, scanned) =>
          bar.update(
            `Athena ${state.toLowerCase()}, ${Math.round(ms / 1000)}s, ${bytesText(scanned)} scanned`,
          ),
      }).finally(() => unregister?.());
      for (const e of r.awsErrors) io.stderr.write(`${formatAwsCallError(e)}\n`);
      bad += r.awsErrors.length;
      collect(r.aggregate);
      source = athenaSource(r.queries, r.rows);
    }
    bar.done();
    const roleJsons = total.summaries().map((r) => reports.roleUsageJson(r, window, files, view));
    const records = total.records;
    if (o.format === 'json') {
      const out =
        roles.length === 1
          ? { ...roleJsons[0]!, source }
          : { window, files, records, source, roles: roleJsons };
      io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      io.stdout.write(
        reports.renderUsageText(
          roleJsons,
          `${source.kind === 'athena' ? `Athena: ${source.note}` : `${files} trail files`}, ${records.toLocaleString('en-US')} records of ${roleJsons.length} role${roleJsons.length === 1 ? '' : 's'}`,
        ),
      );
    }
    return bad > 0 ? ExitCode.BadInput : ExitCode.Ok;
  },
});
