import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_POLICY_FILE_BYTES, readPolicyFile, readPolicyPaths } from './policy-file.read.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/policies/', import.meta.url));
const GOOD =
  '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scopedown-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, content);
  return path;
}

describe('readPolicyFile', () => {
  it('reads and parses a policy file', async () => {
    const path = join(FIXTURES, 'seed-scoped.json');
    const r = await readPolicyFile(path);
    expect(r.errors).toEqual([]);
    expect(r.file).toBe(path);
    expect(r.document?.statements[0]?.resource?.[1]?.loc).toEqual({
      file: path,
      pointer: '/Statement/0/Resource/1',
      line: 12,
      column: 9,
    });
  });

  it('reads a file that starts with a UTF-8 byte order mark', async () => {
    const path = await write('bom.json', `\uFEFF${GOOD}`);
    const r = await readPolicyFile(path);
    expect(r.errors).toEqual([]);
    expect(r.document?.statements).toHaveLength(1);
  });

  it('passes parse errors through with their positions', async () => {
    const path = join(FIXTURES, 'bad-malformed.json');
    const r = await readPolicyFile(path);
    expect(r.document).toBeUndefined();
    expect(r.errors).toEqual([
      expect.objectContaining({ code: 'INVALID_JSON', file: path, line: 7, column: 7 }),
    ]);
  });

  it.each([
    ['missing file', async () => join(dir, 'nope.json'), 'FILE_NOT_FOUND', 'no such file or folder'],
    [
      'path through a file',
      async () => join(await write('f.json', GOOD), 'x.json'),
      'FILE_NOT_FOUND',
      'no such file',
    ],
    ['a folder', async () => dir, 'READ_ERROR', 'is a directory, expected a file'],
    [
      'a name too long',
      async () => join(dir, `${'x'.repeat(300)}.json`),
      'READ_ERROR',
      'cannot read: name too long',
    ],
    ['empty file', async () => write('empty.json', ''), 'EMPTY_FILE', 'empty file, expected JSON'],
    [
      'NUL bytes',
      async () => write('nul.json', new Uint8Array([0x7b, 0x00, 0x7d])),
      'NOT_TEXT',
      'binary file, not JSON',
    ],
    [
      'invalid UTF-8',
      async () => write('latin1.json', new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d])),
      'NOT_TEXT',
      'binary file, not JSON',
    ],
    [
      'a PNG image',
      async () =>
        write('image.json', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
      'NOT_TEXT',
      'binary file, not JSON',
    ],
    [
      'UTF-16 text',
      async () => write('utf16.json', new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])),
      'NOT_TEXT',
      'UTF-16 text, expected UTF-8; save the file as UTF-8',
    ],
  ])('%s', async (_id, makePath, code, message) => {
    const path = await makePath();
    const r = await readPolicyFile(path);
    expect(r.document).toBeUndefined();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code, file: path });
    expect(r.errors[0]?.message).toContain(message);
    if (code !== 'EMPTY_FILE') expect(r.errors[0]).toMatchObject({ pointer: '', line: 0, column: 0 });
  });

  it('refuses a file over 5 MiB, checking the size before reading', async () => {
    const path = await write('huge.json', `{"Statement": "${'x'.repeat(MAX_POLICY_FILE_BYTES)}"}`);
    const r = await readPolicyFile(path);
    expect(r.document).toBeUndefined();
    expect(r.errors).toEqual([
      {
        code: 'FILE_TOO_LARGE',
        file: path,
        pointer: '',
        line: 0,
        column: 0,
        message: 'file is 5,242,897 bytes, over the 5 MiB limit; an IAM policy is at most 10,240 characters',
      },
    ]);
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it may not read', async () => {
    const path = await write('locked.json', GOOD);
    await chmod(path, 0o000);
    const r = await readPolicyFile(path);
    expect(r.errors).toEqual([
      expect.objectContaining({ code: 'READ_ERROR', message: 'cannot read: permission denied' }),
    ]);
  });
});

describe('readPolicyPaths', () => {
  it('walks folders in sorted order, skipping non-JSON, node_modules and dot-folders; bad files do not stop good ones', async () => {
    const root = join(dir, 'mixed');
    await write('mixed/b.json', GOOD);
    await write('mixed/A.json', GOOD);
    await write('mixed/broken.json', '{"Statement": [');
    await write('mixed/binary.json', new Uint8Array([0, 1, 2, 3]));
    await write('mixed/records.json', '{"Records": []}');
    await write('mixed/notes.txt', 'not a policy');
    await write('mixed/noext', GOOD);
    await write('mixed/sub/c.JSON', GOOD);
    await write('mixed/sub/deeper/d.json', GOOD);
    await write('mixed/node_modules/pkg/package.json', '{}');
    await write('mixed/.git/config.json', '{}');
    const progress: number[] = [];
    const results = await readPolicyPaths([root], (n) => progress.push(n));
    expect(
      results.map((r) => [r.file.slice(root.length + 1), r.document ? 'ok' : r.errors[0]?.code]),
    ).toEqual([
      ['A.json', 'ok'],
      ['b.json', 'ok'],
      ['binary.json', 'NOT_TEXT'],
      ['broken.json', 'INVALID_JSON'],
      ['records.json', 'NOT_A_POLICY'],
      [join('sub', 'c.JSON'), 'ok'],
      [join('sub', 'deeper', 'd.json'), 'ok'],
    ]);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('reads explicitly named files whatever their extension, keeping the order given', async () => {
    const txt = await write('explicit/policy.txt', GOOD);
    const json = await write('explicit/policy.json', GOOD);
    const results = await readPolicyPaths([txt, json]);
    expect(results.map((r) => [r.file, r.errors])).toEqual([
      [txt, []],
      [json, []],
    ]);
  });

  it('reports a missing path and a folder without JSON files, and still reads the rest', async () => {
    const empty = join(dir, 'empty-folder');
    await mkdir(empty, { recursive: true });
    await write('text-only/readme.txt', 'hello');
    const good = await write('alone/good.json', GOOD);
    const missing = join(dir, 'missing');
    const results = await readPolicyPaths([missing, empty, join(dir, 'text-only'), good]);
    expect(
      results.map((r) => [r.file, r.errors.map((e) => `${e.code} ${e.line}:${e.column} ${e.message}`)]),
    ).toEqual([
      [missing, ['FILE_NOT_FOUND 0:0 no such file or folder']],
      [empty, ['NO_INPUT 0:0 folder holds no .json files']],
      [join(dir, 'text-only'), ['NO_INPUT 0:0 folder holds no .json files']],
      [good, []],
    ]);
  });

  it('reads the policy fixtures folder without a single crash', async () => {
    const results = await readPolicyPaths([FIXTURES]);
    const byName = new Map(results.map((r) => [r.file.slice(FIXTURES.length), r]));
    expect(byName.get('seed-broad.json')?.errors).toEqual([]);
    expect(byName.get('wrapper-get-role-policy-urlencoded.json')?.document?.wrapper).toBe('get-role-policy');
    expect(byName.get('not-policy-cloudtrail.json')?.errors[0]?.code).toBe('NOT_A_POLICY');
    expect(results.every((r) => r.document !== undefined || r.errors.length > 0)).toBe(true);
  });
});
