import {
  authorize,
  compilePolicySet,
  type NamedPolicy,
  type PolicySet,
  type PolicySetInput,
} from '../analyses/evaluate/authorize.js';
import { loadCatalog } from '../catalog/index.js';
import type {
  AuthorizationRequest,
  AuthorizationResult,
  Decision,
  InputError,
  Principal,
} from '../model/index.js';
import { MAX_POLICY_FILE_BYTES, parsePolicy } from '../sources/index.js';
import { type PolicySetSpec, parseTestCases, type TestCase } from '../sources/test-cases.parse.js';
import { readTextFile } from '../sources/text-file.read.js';

export interface LoadedPolicies {
  policies: NamedPolicy[];
  errors: InputError[];
}

/** Reads policy files for `simulate`; a file that is not a valid policy is an input error (exit 2). */
export async function readPolicies(paths: readonly string[]): Promise<LoadedPolicies> {
  const out: LoadedPolicies = { policies: [], errors: [] };
  for (const path of paths) {
    const read = await readTextFile(
      path,
      MAX_POLICY_FILE_BYTES,
      'over the 5 MiB limit; an IAM policy is at most 10,240 characters',
    );
    if ('error' in read) {
      out.errors.push(read.error);
      continue;
    }
    const text = read.text;
    const parsed = parsePolicy(text, path);
    out.errors.push(...parsed.errors);
    if (parsed.document && parsed.errors.length === 0)
      out.policies.push({ name: path, document: parsed.document });
  }
  return out;
}

/** A principal from an ARN as users type it; a role ARN stands for a session of that role. */
export function principalFromArn(arn: string): Principal {
  if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(arn)) return { type: 'Service', arn };
  const m = /^arn:(aws[a-z-]*):(iam|sts)::(\d{12}):(.*)$/.exec(arn);
  if (!m) return { type: 'User', arn };
  const [, partition, service, account, rest] = m as unknown as [string, string, string, string, string];
  if (service === 'sts' && rest.startsWith('assumed-role/')) {
    const [, role] = rest.split('/');
    return { type: 'AssumedRole', arn, roleArn: `arn:${partition}:iam::${account}:role/${role}`, account };
  }
  if (rest === 'root') return { type: 'Root', arn, account };
  if (rest.startsWith('role/')) {
    const name = rest.slice(rest.lastIndexOf('/') + 1);
    return {
      type: 'AssumedRole',
      arn: `arn:${partition}:sts::${account}:assumed-role/${name}/scopedown-simulate`,
      roleArn: arn,
      account,
    };
  }
  if (rest.startsWith('federated-user/')) return { type: 'FederatedUser', arn, account };
  return { type: 'User', arn, account };
}

export interface CaseResult {
  case: TestCase;
  result: AuthorizationResult;
  pass: boolean | null;
}

export interface TestRun {
  file: string;
  results: CaseResult[];
  errors: InputError[];
}

function toInput(spec: PolicySetSpec): PolicySetInput {
  return {
    identity: spec.identity,
    permissionsBoundary: spec.permissionsBoundary,
    sessionPolicy: spec.sessionPolicy,
    resourcePolicy: spec.resourcePolicy,
    resourceKind: spec.resourceKind,
    scps: spec.scps,
    rcps: spec.rcps,
  };
}

/** Runs a CASES.json file: policy sets shared by name are compiled once. */
export async function runTestFile(path: string, opts: { explain?: boolean } = {}): Promise<TestRun> {
  // Case files share many cases and policies; 64 MiB is far beyond any real one.
  const read = await readTextFile(path, 64 * 1024 * 1024, 'over the 64 MiB limit for a cases file');
  if ('error' in read) return { file: path, results: [], errors: [read.error] };
  const text = read.text;
  const parsed = parseTestCases(text, path);
  const catalog = loadCatalog();
  const compiled = new Map<string, PolicySet>();
  const results = parsed.cases.map((c): CaseResult => {
    let set = compiled.get(c.policies.key);
    if (!set) {
      set = compilePolicySet(toInput(c.policies));
      compiled.set(c.policies.key, set);
    }
    const request: AuthorizationRequest = {
      principal: c.principal,
      action: c.action,
      resource: c.resource,
      context: c.context,
    };
    if (c.resourceAccount) request.resourceAccount = c.resourceAccount;
    const result = authorize(set, request, catalog, { explain: opts.explain ?? true });
    return { case: c, result, pass: c.expect ? c.expect === result.decision : null };
  });
  return { file: path, results, errors: parsed.errors };
}

export interface SimulateInput {
  policies: NamedPolicy[];
  resourcePolicy: NamedPolicy | null;
  resourceKind: PolicySetInput['resourceKind'];
  boundary: NamedPolicy | null;
  session: NamedPolicy | null;
  scps: NamedPolicy[][] | null;
  rcps: NamedPolicy[][] | null;
  request: AuthorizationRequest;
}

export function simulate(input: SimulateInput): AuthorizationResult {
  const set = compilePolicySet({
    identity: input.policies,
    permissionsBoundary: input.boundary,
    sessionPolicy: input.session,
    resourcePolicy: input.resourcePolicy,
    resourceKind: input.resourceKind,
    scps: input.scps,
    rcps: input.rcps,
  });
  return authorize(set, input.request, loadCatalog(), { explain: true });
}

export type { Decision };
