// `scopedown usage` on a synthetic trail: ≥ 2 GiB of CloudTrail JSON in 5–20 MB files (gzip level
// 1) in the AWSLogs layout, 200 ECS task roles that cluster by hour as real ones do, one of which
// makes 5% of the records. Measures, in one run: (a) the machine's limit, gunzip + JSON.parse of
// every file on every core; (b) aggregating every role; (c) one role, whose absence from most files
// the pre-filter sees without parsing them. Generation and (a) run in worker threads of this file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { runUsage } from '../src/api/usage.js';
import { listTrailFiles, readTrailBatches, readTrailFile } from '../src/sources/cloudtrail-files.read.js';
import { machine, rng } from './util.js';

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const ROLES = 200;
const CHOSEN = 7;
const SEED = 7;
const TARGET_BYTES = 2 ** 31;
const MIN_FILE = 5_000_000;
const MAX_FILE = 20_000_000;
/** Files per hour (one per 15 minutes). Each hour a dozen roles run; the chosen one, one hour in ten. */
const FILES_PER_HOUR = 4;
/** The first records of each file are delivered again in the next one, as CloudTrail sometimes does. */
const DUPLICATES_PER_FILE = 3;
const START = Date.UTC(2025, 5, 1);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

const roleName = (i: number) => `task-role-${String(i).padStart(3, '0')}`;
const roleArn = (i: number) => `arn:aws:iam::${ACCOUNT}:role/ecs/${roleName(i)}`;

/** Record templates over one random stream; the shapes of aws-facts §1.4, filled by concatenation. */
function templates(random: () => number) {
  const hex = (n: number) => {
    let s = '';
    while (s.length < n) {
      const x = (random() * 0x100000000) >>> 0;
      s += HEX[x & 255]! + HEX[(x >>> 8) & 255]! + HEX[(x >>> 16) & 255]! + HEX[x >>> 24]!;
    }
    return s.length === n ? s : s.slice(0, n);
  };
  const uuid = () => {
    const h = hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  return { hex, uuid, pick };
}

/** What every file shares: each role's running tasks (identity blocks ready to paste) and KMS key material. */
function world() {
  const { hex } = templates(rng(SEED));
  const identities = Array.from({ length: ROLES }, (_, r) => {
    const id = `AROA${hex(17).toUpperCase()}`;
    return Array.from({ length: 4 }, () => {
      const task = hex(32);
      return (
        `"userIdentity":{"type":"AssumedRole","principalId":"${id}:${task}","arn":"arn:aws:sts::${ACCOUNT}:assumed-role/${roleName(r)}/${task}",` +
        `"accountId":"${ACCOUNT}","accessKeyId":"ASIA${hex(16).toUpperCase()}","sessionContext":{"sessionIssuer":{"type":"Role",` +
        `"principalId":"${id}","arn":"${roleArn(r)}","accountId":"${ACCOUNT}","userName":"${roleName(r)}"},` +
        `"attributes":{"creationDate":"2025-06-01T00:00:00Z","mfaAuthenticated":"false"}}}`
      );
    });
  });
  return { identities, keyMaterial: Array.from({ length: ROLES }, () => hex(64)) };
}

interface FilePlan {
  index: number;
  target: number;
}

/** The files, and the size each aims at, until the trail reaches `bytes`. */
function planFiles(bytes: number): FilePlan[] {
  const random = rng(SEED + 1);
  const plans: FilePlan[] = [];
  for (let total = 0; total < bytes; ) {
    const target = Math.round(MIN_FILE + random() * (MAX_FILE - MIN_FILE));
    plans.push({ index: plans.length, target });
    total += target;
  }
  return plans;
}

/** The records of one file, in order: each with its role, from the file's own random stream. */
function* fileRecords(w: ReturnType<typeof world>, index: number): Generator<{ text: string; role: number }> {
  const hour = Math.floor(index / FILES_PER_HOUR);
  const hourly = templates(rng(SEED * 1_000_003 + hour));
  const others = Array.from({ length: ROLES }, (_, i) => i).filter((i) => i !== CHOSEN);
  const active = Array.from({ length: 12 }, () => hourly.pick(others));
  const chosenShare = hour % 10 === 3 ? 0.5 : 0;
  const random = rng(SEED * 7919 + index * 104_729);
  const { hex, uuid, pick } = templates(random);
  const delivered = START + index * 15 * 60_000;
  const ua = 'aws-sdk-js/3.600.0 ua/2.1 os/linux#5.10.219 lang/js md/nodejs#20.15.0 api/';
  const head = (time: string, source: string, name: string) =>
    `"eventVersion":"1.09","eventTime":"${time}","eventSource":"${source}.amazonaws.com","eventName":"${name}","awsRegion":"${REGION}"`;
  const tail = (data: boolean, readOnly: boolean) =>
    `"requestID":"${uuid()}","eventID":"${uuid()}","readOnly":${readOnly},"eventType":"AwsApiCall","managementEvent":${!data},` +
    `"recipientAccountId":"${ACCOUNT}","eventCategory":"${data ? 'Data' : 'Management'}"`;
  const denied = (r: number, action: string, resource: string) =>
    random() < 0.005
      ? `"errorCode":"AccessDenied","errorMessage":"User: arn:aws:sts::${ACCOUNT}:assumed-role/${roleName(r)}/x is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action",`
      : '';
  const day = new Date(delivered).toISOString().slice(0, 10);
  const s3 = (r: number, ident: string, time: string, name: string) => {
    const bucket = `app-data-${r}`;
    const list = name === 'ListObjects';
    // Reads go to a thousand objects, most to a few; writes to new keys each day.
    const key =
      name === 'PutObject'
        ? `out/${day}/${hex(3)}.csv`
        : `data/${String(Math.floor(1000 * random() ** 2)).padStart(4, '0')}.json`;
    const objectArn = `arn:aws:s3:::${bucket}/${key}`;
    const host = `${bucket}.s3.${REGION}.amazonaws.com`;
    const params = list
      ? `{"list-type":"2","bucketName":"${bucket}","encoding-type":"url","prefix":"data/","delimiter":"/","Host":"${host}"}`
      : `{"bucketName":"${bucket}","Host":"${host}","key":"${key}"}`;
    const objectResource = list
      ? `{"type":"AWS::S3::Object","ARNPrefix":"arn:aws:s3:::${bucket}/"}`
      : `{"type":"AWS::S3::Object","ARN":"${objectArn}"}`;
    return (
      `{${head(time, 's3', name)},${ident},"sourceIPAddress":"10.0.${r % 250}.34","userAgent":"[${ua}s3#3.600.0]",` +
      `${denied(r, `s3:${name}`, objectArn)}"requestParameters":${params},"responseElements":null,` +
      `"additionalEventData":{"SignatureVersion":"SigV4","CipherSuite":"TLS_AES_128_GCM_SHA256","bytesTransferredIn":0,"AuthenticationMethod":"AuthHeader","x-amz-id-2":"${hex(40)}","bytesTransferredOut":${Math.floor(random() * 100000)}},` +
      `"resources":[${objectResource},{"accountId":"${ACCOUNT}","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::${bucket}"}],` +
      `${tail(true, name !== 'PutObject')},"vpcEndpointId":"vpce-0abc1234def567890","tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"${host}"}}`
    );
  };
  const kms = (r: number, ident: string, time: string, name: string) => {
    const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${r.toString(16).padStart(8, '0')}-12ab-34cd-56ef-1234567890ab`;
    const spec = name === 'GenerateDataKey' ? ',"keySpec":"AES_256"' : '';
    return (
      `{${head(time, 'kms', name)},${ident},"sourceIPAddress":"10.0.${r % 250}.34","userAgent":"${ua}kms#3.600.0",` +
      `"requestParameters":{"keyId":"${key}","encryptionAlgorithm":"SYMMETRIC_DEFAULT"${spec},"encryptionContext":{"aws:s3:arn":"arn:aws:s3:::app-data-${r}/data/${hex(8)}"}},` +
      `"responseElements":null,"additionalEventData":{"keyMaterialId":"${w.keyMaterial[r]}"},` +
      `"resources":[{"accountId":"${ACCOUNT}","type":"AWS::KMS::Key","ARN":"${key}"}],${tail(false, true)}}`
    );
  };
  const secret = (r: number, ident: string, time: string) =>
    `{${head(time, 'secretsmanager', 'GetSecretValue')},${ident},"sourceIPAddress":"203.0.113.${r % 250}","userAgent":"${ua}secrets-manager#3.600.0",` +
    `"requestParameters":{"secretId":"prod/app-${r}/db"},"responseElements":null,${tail(false, true)},` +
    `"tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"secretsmanager.${REGION}.amazonaws.com"}}`;
  const sqs = (r: number, ident: string, time: string, name: string) => {
    const url = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/jobs-${r}`;
    const params =
      name === 'SendMessage'
        ? `{"queueUrl":"${url}","messageBody":"HIDDEN_DUE_TO_SECURITY_REASONS"}`
        : name === 'ReceiveMessage'
          ? `{"queueUrl":"${url}","maxNumberOfMessages":10,"waitTimeSeconds":20}`
          : `{"queueUrl":"${url}","receiptHandle":"HIDDEN_DUE_TO_SECURITY_REASONS"}`;
    const response =
      name === 'SendMessage' ? `{"mD5OfMessageBody":"${hex(32)}","messageId":"${uuid()}"}` : 'null';
    return (
      `{${head(time, 'sqs', name)},${ident},"sourceIPAddress":"10.0.${r % 250}.80","userAgent":"${ua}sqs#3.600.0",` +
      `"requestParameters":${params},"responseElements":${response},` +
      `"resources":[{"accountId":"${ACCOUNT}","type":"AWS::SQS::Queue","ARN":"arn:aws:sqs:${REGION}:${ACCOUNT}:jobs-${r}"}],${tail(true, name === 'ReceiveMessage')}}`
    );
  };
  const dynamodb = (r: number, ident: string, time: string, name: string) =>
    `{${head(time, 'dynamodb', name)},${ident},"sourceIPAddress":"10.0.${r % 250}.12","userAgent":"${ua}dynamodb#3.600.0",` +
    `"requestParameters":{"tableName":"orders-${r}","key":{"pk":"ORDER#${hex(8)}"}${name === 'Query' ? ',"keyConditionExpression":"pk = :pk"' : ''}},"responseElements":null,` +
    `"resources":[{"accountId":"${ACCOUNT}","type":"AWS::DynamoDB::Table","ARN":"arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders-${r}"}],${tail(true, name !== 'PutItem')}}`;
  /** ECS assuming the task role for a new task: an AWS service's record, no session issuer. */
  const assumeRole = (r: number, time: string) =>
    `{"eventVersion":"1.08","userIdentity":{"type":"AWSService","invokedBy":"ecs-tasks.amazonaws.com"},"eventTime":"${time}",` +
    `"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","awsRegion":"${REGION}","sourceIPAddress":"ecs-tasks.amazonaws.com",` +
    `"userAgent":"ecs-tasks.amazonaws.com","requestParameters":{"roleArn":"${roleArn(r)}","roleSessionName":"${hex(32)}"},` +
    `"responseElements":{"credentials":{"accessKeyId":"ASIA${hex(16).toUpperCase()}","sessionToken":"${hex(64)}","expiration":"Jun 1, 2025, 6:00:00 PM"}},` +
    `"resources":[{"accountId":"${ACCOUNT}","type":"AWS::IAM::Role","ARN":"${roleArn(r)}"}],${tail(false, true)},"sharedEventID":"${uuid()}"}`;
  const events: ReadonlyArray<[number, (r: number, ident: string, time: string) => string]> = [
    [30, (r, i, t) => s3(r, i, t, 'GetObject')],
    [10, (r, i, t) => s3(r, i, t, 'PutObject')],
    [10, (r, i, t) => s3(r, i, t, 'HeadObject')],
    [5, (r, i, t) => s3(r, i, t, 'ListObjects')],
    [10, (r, i, t) => kms(r, i, t, 'Decrypt')],
    [5, (r, i, t) => kms(r, i, t, 'GenerateDataKey')],
    [5, (r, i, t) => secret(r, i, t)],
    [5, (r, i, t) => sqs(r, i, t, 'SendMessage')],
    [5, (r, i, t) => sqs(r, i, t, 'ReceiveMessage')],
    [3, (r, i, t) => sqs(r, i, t, 'DeleteMessage')],
    [5, (r, i, t) => dynamodb(r, i, t, 'GetItem')],
    [4, (r, i, t) => dynamodb(r, i, t, 'PutItem')],
    [3, (r, i, t) => dynamodb(r, i, t, 'Query')],
  ];
  const weights = events.reduce((n, [weight]) => n + weight, 0);
  for (;;) {
    const time = `${new Date(delivered - 15 * 60_000 + random() * 14 * 60_000).toISOString().slice(0, 19)}Z`;
    const role = random() < chosenShare ? CHOSEN : pick(active);
    if (random() < 0.01) {
      yield { text: assumeRole(role, time), role: -1 };
      continue;
    }
    let x = random() * weights;
    let make = events[0]![1];
    for (const [weight, m] of events) {
      x -= weight;
      if (x < 0) {
        make = m;
        break;
      }
    }
    yield { text: make(role, pick(w.identities[role]!), time), role };
  }
}

interface Written {
  files: number;
  bytes: number;
  records: number;
  /** Records of each role, duplicates not counted twice. */
  perRole: number[];
}

/** Writes some files of the trail; records go straight into one buffer, no 20 MB string per file. */
let shared: { w: ReturnType<typeof world>; buffer: Buffer } | undefined;

function writeFiles(dir: string, plans: readonly FilePlan[]): Written {
  shared ??= { w: world(), buffer: Buffer.alloc(MAX_FILE + 64 * 1024) };
  const { w, buffer } = shared;
  const out: Written = { files: 0, bytes: 0, records: 0, perRole: new Array(ROLES).fill(0) };
  for (const plan of plans) {
    const delivered = new Date(START + plan.index * 15 * 60_000).toISOString();
    const [y, m, d] = [delivered.slice(0, 4), delivered.slice(5, 7), delivered.slice(8, 10)];
    const folder = join(dir, 'AWSLogs', ACCOUNT, 'CloudTrail', REGION, y, m, d);
    const stamp = `${y}${m}${d}T${delivered.slice(11, 13)}${delivered.slice(14, 16)}Z`;
    let size = buffer.write('{"Records":[', 0, 'latin1');
    const put = (text: string) => {
      if (size > 12) buffer[size++] = 0x2c; // ','
      size += buffer.write(text, size, 'latin1');
      out.records++;
    };
    if (plan.index > 0) {
      const previous = fileRecords(w, plan.index - 1);
      for (let i = 0; i < DUPLICATES_PER_FILE; i++) put(previous.next().value!.text);
    }
    const records = fileRecords(w, plan.index);
    while (size < plan.target) {
      const { text, role } = records.next().value!;
      put(text);
      if (role >= 0) out.perRole[role]!++;
    }
    size += buffer.write(']}', size, 'latin1');
    mkdirSync(folder, { recursive: true });
    const unique = templates(rng(plan.index)).hex(16).toUpperCase();
    const name = `${ACCOUNT}_CloudTrail_${REGION}_${stamp}_${unique}.json.gz`;
    writeFileSync(join(folder, name), gzipSync(buffer.subarray(0, size), { level: 1 }));
    out.bytes += size;
    out.files++;
  }
  return out;
}

/** Runs `data` in `threads` workers of this file, each answering each request with one message. */
async function inWorkers<T>(
  threads: number,
  requests: readonly unknown[],
  data: (lane: number) => object,
): Promise<T[]> {
  const replies: T[] = [];
  let next = 0;
  const lane = async (n: number) => {
    // The same heap limit as `usage` workers (128 MiB), so that both measure the same machine.
    const worker = new Worker(new URL(import.meta.url), {
      workerData: data(n),
      resourceLimits: { maxOldGenerationSizeMb: 128 },
    });
    let pending: { resolve(v: T): void; reject(e: Error): void } | undefined;
    worker.on('message', (v: T) => pending?.resolve(v));
    worker.on('error', (e) => pending?.reject(e));
    try {
      while (next < requests.length) {
        const request = requests[next++];
        replies.push(
          await new Promise<T>((resolve, reject) => {
            pending = { resolve, reject };
            worker.postMessage(request);
          }),
        );
      }
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: threads }, (_, n) => lane(n)));
  return replies;
}

interface BenchWorkerData {
  usageBench: 'generate' | 'parse' | 'parse-whole';
  dir?: string;
}

if (!isMainThread && parentPort && (workerData as BenchWorkerData | null)?.usageBench) {
  const port = parentPort;
  const data = workerData as BenchWorkerData;
  port.on('message', (request: FilePlan | string) => {
    if (data.usageBench === 'generate') {
      port.postMessage(writeFiles(data.dir!, [request as FilePlan]));
      return;
    }
    const path = request as string;
    if (data.usageBench === 'parse-whole') {
      // For reference: the whole file as one string and one JSON.parse.
      void readTrailFile(path).then((read) => {
        if (read.status !== 'text') throw new Error(`${path}: ${read.status}`);
        port.postMessage((JSON.parse(read.text) as { Records: unknown[] }).Records.length);
      });
      return;
    }
    // (a): gunzip and JSON.parse through the same reader as `usage` (in batches), and nothing else.
    let records = 0;
    const sink = {
      batch: (batch: unknown[]) => {
        records += batch.length;
      },
      reset: () => {
        records = 0;
      },
    };
    void readTrailBatches(path, sink).then((read) => {
      if (read.status !== 'parsed') throw new Error(`${path}: ${read.status}`);
      port.postMessage(records);
    });
  });
}

/** Writes the synthetic trail under `dir` on every core. */
export async function writeSyntheticTrail(
  dir: string,
  bytes = TARGET_BYTES,
): Promise<Written & { roles: number; chosen: number; seconds: number }> {
  const start = performance.now();
  const parts = await inWorkers<Written>(availableParallelism(), planFiles(bytes), () => ({
    usageBench: 'generate',
    dir,
  }));
  const perRole = new Array<number>(ROLES).fill(0);
  for (const p of parts) for (let r = 0; r < ROLES; r++) perRole[r]! += p.perRole[r]!;
  return {
    files: parts.reduce((n, p) => n + p.files, 0),
    bytes: parts.reduce((n, p) => n + p.bytes, 0),
    records: parts.reduce((n, p) => n + p.records, 0),
    perRole,
    roles: perRole.filter((n) => n > 0).length,
    chosen: perRole[CHOSEN]!,
    seconds: (performance.now() - start) / 1000,
  };
}

/** Runs `fn`, sampling this process's RSS (worker threads included) every 10 ms. */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peakMiB: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const start = performance.now();
  try {
    const value = await fn();
    return { value, seconds: (performance.now() - start) / 1000, peakMiB: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/**
 * `bytes`: the trail's size (default 2 GiB); smaller only to try the bench out. The limit (a) is
 * measured the way `usage` parses (48 KB batches), the stricter reference; whole-file JSON.parse,
 * the naive one, is measured too and reported on the second line.
 */
export async function benchUsage(options: { bytes?: number } = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'scopedown-usage-bench-'));
  try {
    const trail = await writeSyntheticTrail(dir, options.bytes);
    const threads = availableParallelism();
    const paths = (await listTrailFiles([dir])).files.map((f) => f.path);
    const parseAll = (mode: BenchWorkerData['usageBench']) =>
      measured(async () =>
        (await inWorkers<number>(threads, paths, () => ({ usageBench: mode }))).reduce((a, b) => a + b, 0),
      );
    const limit = await parseAll('parse');
    const whole = await parseAll('parse-whole');
    const check = (r: Awaited<ReturnType<typeof runUsage>>) => ({
      errors: r.errors.length,
      chosen: r.roles.find((x) => x.role === roleArn(CHOSEN))?.records ?? 0,
      perRoleOk: r.roles.every((x) => x.records === trail.perRole[Number(x.role.slice(-3))]),
      roles: r.roles.length,
      parsed: r.filesParsed,
      files: r.files,
    });
    // Only the checks' figures are kept: the next run starts without the last one's aggregate.
    const all = await measured(async () => check(await runUsage([dir], { cache: null, workers: threads })));
    const one = await measured(async () =>
      check(await runUsage([dir], { roles: [roleArn(CHOSEN)], cache: null, workers: threads })),
    );

    const mb = trail.bytes / 1e6;
    const [limitRate, wholeRate] = [mb / limit.seconds, mb / whole.seconds];
    const [allRate, oneRate] = [mb / all.seconds, mb / one.seconds];
    const peak = Math.max(all.peakMiB, one.peakMiB);
    const problems = [
      all.value.errors + one.value.errors > 0 ? `${all.value.errors + one.value.errors} file errors` : '',
      all.value.chosen !== trail.chosen || one.value.chosen !== trail.chosen
        ? `chosen role counted ${all.value.chosen} and ${one.value.chosen}, generated ${trail.chosen}`
        : '',
      all.value.perRoleOk ? '' : 'per-role counts differ from the generated ones',
      all.value.roles !== trail.roles ? `${all.value.roles} roles seen, ${trail.roles} generated` : '',
      limit.value !== trail.records || whole.value !== trail.records
        ? `${limit.value} and ${whole.value} records parsed, ${trail.records} written`
        : '',
    ].filter(Boolean);
    const pct = (x: number, of: number) => `${((x / of) * 100).toFixed(0)}%`;
    const times = (x: number, of: number) => `${(x / of).toFixed(1)}×`;
    return (
      `usage: all roles ${allRate.toFixed(0)} MB/s (${pct(allRate, limitRate)} of the machine's ` +
      `${limitRate.toFixed(0)} MB/s gunzip+JSON.parse limit on ${threads} cores), one role ${oneRate.toFixed(0)} MB/s ` +
      `(${times(oneRate, limitRate)} the limit), peak RSS ${peak.toFixed(0)} MiB; ${machine()}\n` +
      `  limit parsed in 48 KB batches as usage does, ${Math.round(limit.value / limit.seconds).toLocaleString('en-US')} records/s; ` +
      `whole-file JSON.parse ${wholeRate.toFixed(0)} MB/s (all roles ${pct(allRate, wholeRate)} of it, one role ` +
      `${times(oneRate, wholeRate)}); ${(trail.bytes / 2 ** 30).toFixed(2)} GiB, ${trail.records.toLocaleString('en-US')} ` +
      `records in ${trail.files} files written in ${trail.seconds.toFixed(1)} s; one role: ${one.value.parsed} of ` +
      `${one.value.files} files parsed, ${((trail.chosen / trail.records) * 100).toFixed(1)}% of records; ` +
      `process peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB` +
      (problems.length ? `; CHECK: ${problems.join(', ')}` : '')
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
