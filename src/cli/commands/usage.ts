import { formatInputError } from '../../model/index.js';
import { defineCommand } from '../command.js';
import { ExitCode, progress, UsageError } from '../io.js';

export interface UsageCliOptions {
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
    { flags: '--format <format>', description: 'output format', choices: ['text', 'json'], default: 'text' },
    { flags: '--no-cache', description: 'ignore the per-file cache (~/.cache/scopedown/usage)' },
    { flags: '--workers <n>', description: 'worker threads (default: one per core)' },
    { flags: '--region <region>', description: 'region for s3:// and LookupEvents' },
    { flags: '--profile <name>', description: 'AWS profile for s3:// and LookupEvents' },
  ],
  examples: [
    'scopedown usage --cloudtrail trail/ --role arn:aws:iam::123456789012:role/MyECSTaskRole',
    'scopedown usage --cloudtrail s3://my-trail-bucket/prefix --role arn:aws:iam::123456789012:role/MyECSTaskRole --since 2026-09-01',
  ],
  async run(o, _args, io) {
    const sources = o.cloudtrail ?? [];
    if (sources.length === 0 && !o.lookupEvents)
      throw new UsageError('give --cloudtrail PATH|s3://bucket/prefix or --lookup-events');
    const since = date('--since', o.since);
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
    const [{ runUsage }, reports, { VERSION }] = await Promise.all([
      import('../../api/usage.js'),
      import('../../reports/usage.js'),
      import('../version.js'),
    ]);
    const bar = progress(io);
    const started = Date.now();
    const options = {
      roles,
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
    const roleJsons: Array<ReturnType<typeof reports.roleUsageJson>> = [];
    let files = 0;
    let records = 0;
    let bad = 0;
    let source: { kind: 'files' | 's3' | 'lookup-events'; note?: string } = { kind: 'files' };
    const local = sources.filter((s) => !s.startsWith('s3://'));
    const remote = sources.filter((s) => s.startsWith('s3://'));
    const collect = (summaries: Array<Parameters<typeof reports.roleUsageJson>[0]>, fileCount: number) => {
      for (const s of summaries) {
        const existing = roleJsons.findIndex((r) => r.role === s.role);
        const json = reports.roleUsageJson(s, window, fileCount);
        if (existing < 0) roleJsons.push(json);
        else roleJsons[existing] = json;
      }
    };
    if (local.length > 0) {
      const result = await runUsage(local, options);
      for (const e of result.errors) io.stderr.write(`${formatInputError(e)}\n`);
      bad += result.errors.length;
      files += result.files;
      records += result.records;
      collect(result.roles, result.files);
    }
    if (remote.length > 0) {
      const { usageFromS3 } = await import('../../api/usage-aws.js');
      source = { kind: 's3' };
      for (const url of remote) {
        const r = await usageFromS3(url, { ...options, region: o.region, profile: o.profile });
        for (const e of r.result.errors) io.stderr.write(`${formatInputError(e)}\n`);
        for (const e of r.awsErrors)
          io.stderr.write(`aws ${e.service}:${e.operation}: ${e.awsCode}: ${e.message}\n`);
        bad += r.result.errors.length + r.awsErrors.length;
        files += r.result.files;
        records += r.result.records;
        collect(r.result.roles, r.result.files);
      }
    }
    if (o.lookupEvents) {
      const { usageFromLookup } = await import('../../api/usage-aws.js');
      io.stderr.write(
        'LookupEvents is limited to 2 requests/s and returns management events only (no S3 object or DynamoDB item events).\n',
      );
      const r = await usageFromLookup({ roles, since, until, region: o.region, profile: o.profile });
      for (const e of r.awsErrors)
        io.stderr.write(`aws ${e.service}:${e.operation}: ${e.awsCode}: ${e.message}\n`);
      bad += r.awsErrors.length;
      records += r.aggregate.records;
      collect(r.aggregate.summaries(), 0);
      source = { kind: 'lookup-events', note: 'management events only, at most 90 days, 2 requests/s' };
    }
    bar.done();
    for (const r of roles)
      if (!roleJsons.some((j) => j.role === r))
        roleJsons.push(
          reports.roleUsageJson(
            {
              role: r,
              records: 0,
              denied: 0,
              noPermission: 0,
              firstSeen: null,
              lastSeen: null,
              permissions: [],
              unmapped: [],
              services: [],
              sessions: [],
            },
            window,
            files,
          ),
        );
    roleJsons.sort((a, b) => a.role.localeCompare(b.role));
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
          `${files} trail files, ${records.toLocaleString('en-US')} records of ${roleJsons.length} role${roleJsons.length === 1 ? '' : 's'}`,
        ),
      );
    }
    return bad > 0 ? ExitCode.BadInput : ExitCode.Ok;
  },
});
