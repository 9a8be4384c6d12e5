/** Policy variables in Resource and Condition (IAM UG, "IAM policy elements: Variables and tags"). */
import { describe } from 'vitest';
import {
  A,
  allow,
  BUCKET,
  type CaseRow,
  type Doc,
  type PolicyCase,
  policy,
  runCases,
  session,
} from './case-runner.js';

const VT = 'IAM UG, Variables and tags';
const payments = session({ tags: { team: 'payments' }, userid: 'AROAEXAMPLEID:8f2b6e1c' });
const untagged = session({ userid: 'AROAEXAMPLEID:8f2b6e1c' });

const readAt = (resource: string, version = '2012-10-17'): Doc => ({
  Version: version,
  Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: resource }],
});

function get(
  principal: PolicyCase['principal'],
  doc: Doc,
  resource: string,
  expect: PolicyCase['expect'],
): PolicyCase {
  return {
    principal,
    action: 's3:GetObject',
    resource,
    policies: { identity: [doc] },
    expect,
    sids: expect === 'Allow' ? { allows: ['Read'] } : { notMatched: ['Read'] },
  };
}

const TEAM = readAt(`${BUCKET}/\${aws:PrincipalTag/team}/*`);
const TEAM_DEFAULT = readAt(`${BUCKET}/\${aws:PrincipalTag/team, 'shared'}/*`);

const rows: CaseRow[] = [
  [
    `\${aws:PrincipalTag/team} resolves to the role's tag (${VT}: variables are replaced with values from the request context)`,
    get(payments, TEAM, `${BUCKET}/payments/report.csv`, 'Allow'),
  ],
  [
    `\${aws:PrincipalTag/team} does not reach another team's prefix (${VT})`,
    get(payments, TEAM, `${BUCKET}/billing/report.csv`, 'ImplicitDeny'),
  ],
  [
    `a variable with no value matches no resource (${VT}: "the resource that includes a policy variable with no value will not match any resource")`,
    get(untagged, TEAM, `${BUCKET}/payments/report.csv`, 'ImplicitDeny'),
  ],
  [
    `a variable with no value does not become empty text either (${VT}: no value, no match)`,
    get(untagged, TEAM, `${BUCKET}//report.csv`, 'ImplicitDeny'),
  ],
  [
    `a default value stands in for a missing tag (${VT}: "\${aws:PrincipalTag/team, 'company-wide'}", default values)`,
    get(untagged, TEAM_DEFAULT, `${BUCKET}/shared/report.csv`, 'Allow'),
  ],
  [
    `the default is not used when the tag is present (${VT}: default values)`,
    get(payments, TEAM_DEFAULT, `${BUCKET}/shared/report.csv`, 'ImplicitDeny'),
  ],
  [
    `the tag value is used when present, default or not (${VT}: default values)`,
    get(payments, TEAM_DEFAULT, `${BUCKET}/payments/report.csv`, 'Allow'),
  ],
  [
    `\${aws:userid} of a role session is ROLEID:session (${VT}; IAM UG, global keys: aws:userid "role-id:caller-specified-role-name")`,
    get(
      payments,
      readAt(`${BUCKET}/home/\${aws:userid}/*`),
      `${BUCKET}/home/AROAEXAMPLEID:8f2b6e1c/notes.txt`,
      'Allow',
    ),
  ],
  [
    `\${aws:userid} does not reach another session's home (${VT})`,
    get(
      payments,
      readAt(`${BUCKET}/home/\${aws:userid}/*`),
      `${BUCKET}/home/AROAEXAMPLEID:other/notes.txt`,
      'ImplicitDeny',
    ),
  ],
  [
    `\${aws:username} has no value for a role session, so matches nothing (${VT}: "requests that are made using ... IAM roles do not include this key")`,
    get(
      payments,
      readAt(`${BUCKET}/home/\${aws:username}/*`),
      `${BUCKET}/home/app-task-role/notes.txt`,
      'ImplicitDeny',
    ),
  ],
  [
    `\${*} is a literal asterisk: it matches an object named "*" (${VT}: special characters, \${*} stands for a literal *)`,
    get(payments, readAt(`${BUCKET}/\${*}`), `${BUCKET}/*`, 'Allow'),
  ],
  [
    `\${*} is not a wildcard: it does not match other names (${VT}: special characters)`,
    get(payments, readAt(`${BUCKET}/\${*}`), `${BUCKET}/report.csv`, 'ImplicitDeny'),
  ],
  [
    `in a 2008-10-17 policy a variable is literal text (${VT}: "variables like \${aws:username} are treated as literal strings")`,
    get(
      payments,
      readAt(`${BUCKET}/\${aws:PrincipalTag/team}/*`, '2008-10-17'),
      `${BUCKET}/payments/report.csv`,
      'ImplicitDeny',
    ),
  ],
  [
    `in a 2008-10-17 policy the literal text itself matches (${VT}: literal strings)`,
    get(
      payments,
      readAt(`${BUCKET}/\${aws:PrincipalTag/team}/*`, '2008-10-17'),
      `${BUCKET}/\${aws:PrincipalTag/team}/report.csv`,
      'Allow',
    ),
  ],
  [
    `a variable in an SQS ARN resolves \${aws:PrincipalAccount} (${VT}: variables in the Resource element)`,
    {
      principal: payments,
      action: 'sqs:SendMessage',
      resource: `arn:aws:sqs:us-east-1:${A}:app-queue`,
      policies: {
        identity: [
          policy(allow('sqs:SendMessage', 'arn:aws:sqs:*:${aws:PrincipalAccount}:app-*', { Sid: 'Send' })),
        ],
      },
      expect: 'Allow',
      sids: { allows: ['Send'] },
    },
  ],
  [
    `a variable in a condition value: s3:prefix equal to the team's prefix (${VT}: variables in the Condition element)`,
    {
      principal: payments,
      action: 's3:ListBucket',
      resource: BUCKET,
      context: { 's3:prefix': 'payments/' },
      policies: {
        identity: [
          policy(
            allow('s3:ListBucket', BUCKET, {
              Sid: 'ListTeam',
              Condition: { StringLike: { 's3:prefix': '${aws:PrincipalTag/team}/*' } },
            }),
          ),
        ],
      },
      expect: 'Allow',
      sids: { allows: ['ListTeam'] },
    },
  ],
  [
    `a variable in a condition value does not match another team's prefix (${VT}: variables in the Condition element)`,
    {
      principal: payments,
      action: 's3:ListBucket',
      resource: BUCKET,
      context: { 's3:prefix': 'billing/' },
      policies: {
        identity: [
          policy(
            allow('s3:ListBucket', BUCKET, {
              Sid: 'ListTeam',
              Condition: { StringLike: { 's3:prefix': '${aws:PrincipalTag/team}/*' } },
            }),
          ),
        ],
      },
      expect: 'ImplicitDeny',
      sids: { notMatched: ['ListTeam'] },
    },
  ],
];

describe('policy variables', () => runCases(rows));
