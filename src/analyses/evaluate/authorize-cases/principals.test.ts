/**
 * Which Principal entries name which callers (IAM UG, "AWS JSON policy elements: Principal"). No
 * identity-based policy allows, so a case is allowed exactly when a same-account statement that
 * stands alone names the caller.
 */
import { describe } from 'vitest';
import {
  A,
  allow,
  B,
  BUCKET,
  type CaseRow,
  deny,
  OBJECT,
  type PolicyCase,
  policy,
  QUEUE_A,
  ROLE_ARN,
  runCases,
  SESSION_ARN,
  service,
  session,
} from './case-runner.js';

const me = session();
const PR = 'IAM UG, Principal element';
const grant = (principal: unknown) =>
  policy(allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'Grant', Principal: principal }));
const SNS = service('sns.amazonaws.com');
const queueGrant = (principal: unknown) =>
  policy(allow('sqs:SendMessage', QUEUE_A, { Sid: 'QueueGrant', Principal: principal }));

function get(principal: unknown, expect: PolicyCase['expect'], more: Partial<PolicyCase> = {}): PolicyCase {
  return {
    principal: me,
    action: 's3:GetObject',
    resource: OBJECT,
    policies: { resourcePolicy: grant(principal) },
    expect,
    sids: expect === 'Allow' ? { allows: ['Grant'] } : { notMatched: ['Grant'] },
    ...more,
  };
}

function send(principal: PolicyCase['principal'], named: unknown, expect: PolicyCase['expect']): PolicyCase {
  return {
    principal,
    action: 'sqs:SendMessage',
    resource: QUEUE_A,
    policies: { resourcePolicy: queueGrant(named) },
    expect,
  };
}

const rows: CaseRow[] = [
  [`the role ARN names its sessions (${PR}: IAM role principals)`, get({ AWS: ROLE_ARN }, 'Allow')],
  [`the session ARN names the session (${PR}: role session principals)`, get({ AWS: SESSION_ARN }, 'Allow')],
  [`"*" names everyone (${PR}: "You can use a wildcard (*) to specify all principals")`, get('*', 'Allow')],
  [`{"AWS": "*"} names every AWS principal (${PR}: all principals)`, get({ AWS: '*' }, 'Allow')],
  [
    `a list names a caller when any entry does (${PR}: "AWS": [...] lists several principals)`,
    get({ AWS: [`arn:aws:iam::${A}:role/other`, ROLE_ARN] }, 'Allow'),
  ],
  [
    `AWS and Service entries together: the AWS entry names the session (${PR}: several principal types in one element)`,
    get({ AWS: ROLE_ARN, Service: 'ecs-tasks.amazonaws.com' }, 'Allow'),
  ],
  [
    `the account root names the account's principals as a delegation only: no identity Allow, no access (${PR}: AWS account principals)`,
    get({ AWS: `arn:aws:iam::${A}:root` }, 'ImplicitDeny', { sids: { allows: ['Grant'] } }),
  ],
  [
    `another role's ARN does not name the session (${PR})`,
    get({ AWS: `arn:aws:iam::${A}:role/other-role` }, 'ImplicitDeny'),
  ],
  [
    `the same role name in another account does not name the session (${PR}: ARNs carry the account)`,
    get({ AWS: `arn:aws:iam::${B}:role/app-task-role` }, 'ImplicitDeny'),
  ],
  [
    `another session of the role does not name this session (${PR}: principals "must name a specific session")`,
    get({ AWS: `arn:aws:sts::${A}:assumed-role/app-task-role/another` }, 'ImplicitDeny'),
  ],
  [
    `a service principal does not name an IAM role session (${PR}: AWS service principals)`,
    get({ Service: 'ecs-tasks.amazonaws.com' }, 'ImplicitDeny'),
  ],
  [
    `a service principal names that service (${PR}: AWS service principals)`,
    send(SNS, { Service: 'sns.amazonaws.com' }, 'Allow'),
  ],
  [
    `another service principal does not name the service (${PR}: AWS service principals)`,
    send(SNS, { Service: 'events.amazonaws.com' }, 'ImplicitDeny'),
  ],
  [
    `an account root does not name a service principal (${PR}: AWS account principals are the account's IAM identities)`,
    send(SNS, { AWS: `arn:aws:iam::${A}:root` }, 'ImplicitDeny'),
  ],
  [
    `a Deny to "*" that exempts services with aws:PrincipalIsAWSService false does not deny a service principal (IAM UG, global keys: aws:PrincipalIsAWSService, "safely granting access to AWS services")`,
    {
      principal: SNS,
      action: 'sqs:SendMessage',
      resource: QUEUE_A,
      policies: {
        resourcePolicy: policy(
          allow('sqs:SendMessage', QUEUE_A, { Principal: { Service: 'sns.amazonaws.com' } }),
          deny('sqs:*', QUEUE_A, {
            Sid: 'OnlyServices',
            Principal: '*',
            Condition: { Bool: { 'aws:PrincipalIsAWSService': 'false' } },
          }),
        ),
      },
      expect: 'Allow',
      sids: { notMatched: ['OnlyServices'] },
    },
  ],
  [
    `the same Deny applies to an IAM session (IAM UG, global keys: aws:PrincipalIsAWSService is false for IAM principals)`,
    {
      principal: me,
      action: 'sqs:SendMessage',
      resource: QUEUE_A,
      policies: {
        identity: [policy(allow('sqs:SendMessage', QUEUE_A))],
        resourcePolicy: policy(
          deny('sqs:*', QUEUE_A, {
            Sid: 'OnlyServices',
            Principal: '*',
            Condition: { Bool: { 'aws:PrincipalIsAWSService': 'false' } },
          }),
        ),
      },
      expect: 'ExplicitDeny',
      sids: { denies: ['OnlyServices'] },
    },
  ],
];

describe('principal matching', () => runCases(rows));
