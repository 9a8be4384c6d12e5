import { describe, expect, it } from 'vitest';
import { findingsOf, runCheckCases } from '../../../../test/support/check-tester.js';
import { missingVersion } from './missing-version.js';

const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' };
const SET = { setVersion: '2012-10-17' };

describe('MISSING_VERSION', () => {
  runCheckCases(missingVersion, {
    valid: [
      { id: 'current version', policy: { Version: '2012-10-17', Statement: [statement] } },
      {
        id: 'current version after the statements',
        policy: { Statement: [statement], Version: '2012-10-17' },
      },
      {
        id: 'current version with an Id',
        policy: { Version: '2012-10-17', Id: 'app', Statement: statement },
      },
      {
        id: 'a malformed Version is INVALID_POLICY, not this',
        policy: { Version: '2012-10-18', Statement: [statement] },
      },
      {
        id: 'a non-string Version is INVALID_POLICY, not this',
        policy: { Version: 20121017, Statement: [statement] },
      },
    ],
    invalid: [
      { id: 'no Version', policy: { Statement: [statement] }, findings: [{ statement: null, fix: SET }] },
      {
        id: 'old version 2008-10-17',
        policy: { Version: '2008-10-17', Statement: [statement] },
        findings: [{ statement: null, fix: SET }],
      },
      {
        id: 'no Version, even without policy variables',
        policy: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] },
        findings: [{ statement: null, fix: SET }],
      },
      {
        id: 'no Version, with an Id and a single statement object',
        policy: { Id: 'app', Statement: statement },
        findings: [{ statement: null, fix: SET }],
      },
    ],
  });

  it('says why the version matters', () => {
    const [f] = findingsOf(missingVersion, { Version: '2008-10-17', Statement: [statement] });
    expect(f).toMatchObject({ severity: 'warning', statement: null, fix: SET });
    expect(f?.message).toMatchInlineSnapshot(
      `"Version "2008-10-17" reads policy variables as literal text; use "2012-10-17"."`,
    );
  });
});
