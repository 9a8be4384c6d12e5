import { describe, expect, it } from 'vitest';
import { findingsOf, policy, runCheckCases } from '../../../../test/support/check-tester.js';
import { duplicateSid } from './duplicate-sid.js';

const read = (Sid: string | undefined, bucket: string) => ({
  ...(Sid === undefined ? {} : { Sid }),
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: `arn:aws:s3:::${bucket}/*`,
});

describe('DUPLICATE_SID', () => {
  runCheckCases(duplicateSid, {
    valid: [
      { id: 'distinct Sids', policy: policy(read('ReadA', 'a'), read('ReadB', 'b')) },
      { id: 'no Sids at all', policy: policy(read(undefined, 'a'), read(undefined, 'b')) },
      { id: 'one Sid, one without', policy: policy(read('Read', 'a'), read(undefined, 'b')) },
      { id: 'a single statement object', policy: { Version: '2012-10-17', Statement: read('Read', 'a') } },
      {
        id: 'Sid equal to another statement element is fine',
        policy: policy(read('Allow', 'a'), read('s3', 'b')),
      },
    ],
    invalid: [
      {
        id: 'two statements share a Sid',
        policy: policy(read('Read', 'a'), read('Read', 'b')),
        findings: [{ statement: 1 }],
      },
      {
        id: 'the second and third of three',
        policy: policy(read('Read', 'a'), read('Read', 'b'), read('Read', 'c')),
        findings: [{ statement: 1 }, { statement: 2 }],
      },
      {
        id: 'not adjacent',
        policy: policy(read('Read', 'a'), read('Write', 'b'), read('List', 'c'), read('Read', 'd')),
        findings: [{ statement: 3 }],
      },
      {
        id: 'two pairs',
        policy: policy(read('A', 'a'), read('B', 'b'), read('A', 'c'), read('B', 'd')),
        findings: [{ statement: 2 }, { statement: 3 }],
      },
      {
        id: 'identical statements are still two Sids',
        policy: policy(read('Read', 'a'), read('Read', 'a')),
        findings: [{ statement: 1 }],
      },
    ],
  });

  it('names the earlier statement', () => {
    const [f] = findingsOf(duplicateSid, policy(read('Read', 'a'), read('Read', 'b')));
    expect(f).toMatchObject({ severity: 'error', sid: 'Read', statement: 1 });
    expect(f?.message).toMatchInlineSnapshot(
      `"Sid "Read" is already used by statement 0; give each statement its own Sid."`,
    );
  });
});
