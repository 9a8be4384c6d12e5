import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type JsonNode, parseJsonLocated } from '../json-located.parse.js';
import { parseCloudFormationYaml } from './yaml-located.js';

const FIXTURES = new URL('../../../test/fixtures/audit/iac/', import.meta.url);

function plain(node: JsonNode): unknown {
  if (node.kind === 'object') return Object.fromEntries(node.entries.map((e) => [e.key, plain(e.value)]));
  if (node.kind === 'array') return node.items.map(plain);
  return node.value;
}

function tree(text: string): JsonNode {
  const r = parseCloudFormationYaml(text, 't.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.value;
}

function shortValue(yaml: string): unknown {
  return (plain(tree(`V: ${yaml}`)) as { V: unknown }).V;
}

describe('short-form tags become long forms', () => {
  it.each([
    ['ref', '!Ref Bucket', { Ref: 'Bucket' }],
    ['getatt-dotted', '!GetAtt Role.Arn', { 'Fn::GetAtt': ['Role', 'Arn'] }],
    ['getatt-nested-attribute', '!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['getatt-list', '!GetAtt [Role, Arn]', { 'Fn::GetAtt': ['Role', 'Arn'] }],
    [
      'sub-string',
      '!Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"',
      { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/*' },
    ],
    ['sub-list', '!Sub ["${A}-x", {A: !Ref P}]', { 'Fn::Sub': ['${A}-x', { A: { Ref: 'P' } }] }],
    ['join', '!Join ["", [a, !Ref B]]', { 'Fn::Join': ['', ['a', { Ref: 'B' }]] }],
    ['select', '!Select [0, !GetAZs ""]', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ['split', '!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['if', '!If [IsProd, a, b]', { 'Fn::If': ['IsProd', 'a', 'b'] }],
    ['equals', '!Equals [!Ref Env, prod]', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }],
    ['not', '!Not [!Condition IsProd]', { 'Fn::Not': [{ Condition: 'IsProd' }] }],
    ['and', '!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['or', '!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    [
      'find-in-map',
      '!FindInMap [M, !Ref AWS::Region, K]',
      { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'K'] },
    ],
    ['base64', '!Base64 hello', { 'Fn::Base64': 'hello' }],
    ['cidr', '!Cidr [10.0.0.0/16, 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
    ['get-azs-empty', '!GetAZs', { 'Fn::GetAZs': '' }],
    ['import-value', '!ImportValue shared-role-arn', { 'Fn::ImportValue': 'shared-role-arn' }],
    [
      'import-value-sub',
      '!ImportValue {"Fn::Sub": "${Env}-arn"}',
      { 'Fn::ImportValue': { 'Fn::Sub': '${Env}-arn' } },
    ],
    ['condition', '!Condition IsProd', { Condition: 'IsProd' }],
    [
      'transform',
      '!Transform {Name: M, Parameters: {a: 1}}',
      { 'Fn::Transform': { Name: 'M', Parameters: { a: 1 } } },
    ],
    ['unknown-tag', '!Length [a, b]', { 'Fn::Length': ['a', 'b'] }],
    ['tagged-number-is-text', '!Ref 123', { Ref: '123' }],
  ])('%s', (_id, yaml, expected) => {
    expect(shortValue(yaml)).toEqual(expected);
  });

  it('reads block-style short forms', () => {
    const text = ['V: !Sub', '  - "arn:aws:s3:::${B}/*"', '  - B: !Ref Bucket', ''].join('\n');
    expect(plain(tree(text))).toEqual({
      V: { 'Fn::Sub': ['arn:aws:s3:::${B}/*', { B: { Ref: 'Bucket' } }] },
    });
  });
});

describe('scalars', () => {
  it.each([
    ['account-id-with-leading-zero', '012345678901', '012345678901'],
    ['trailing-zero', '1.50', '1.50'],
    ['integer', '8080', 8080],
    ['date-like-version', '2012-10-17', '2012-10-17'],
    ['boolean', 'true', true],
    ['yaml-1.1-boolean-stays-text', 'yes', 'yes'],
    ['null', '', null],
    ['quoted', "'*'", '*'],
  ])('%s', (_id, yaml, expected) => {
    expect(shortValue(yaml)).toEqual(expected);
  });
});

describe('locations', () => {
  const text = [
    'Resources:', //                                 1
    '  Role:', //                                    2
    '    Properties:', //                            3
    '      Arn: !GetAtt Role.Arn', //                4
    '      List:', //                                5
    '        - a', //                                6
    '        - !Sub', //                             7
    '          - x', //                              8
    '',
  ].join('\n');
  const root = tree(text);
  const at = (...keys: Array<string | number>): JsonNode => {
    let node: JsonNode = root;
    for (const k of keys) {
      if (node.kind === 'object') node = node.entries.find((e) => e.key === k)!.value;
      else if (node.kind === 'array') node = node.items[k as number]!;
    }
    return node;
  };

  it('points at lines, columns and JSON pointers of the YAML', () => {
    expect(at('Resources', 'Role').loc).toMatchObject({ line: 3, column: 5, pointer: '/Resources/Role' });
    expect(at('Resources', 'Role', 'Properties', 'List', 0).loc).toMatchObject({
      line: 6,
      column: 11,
      pointer: '/Resources/Role/Properties/List/0',
    });
  });

  it('points a short form at its tag, and its parts below the long-form key', () => {
    const arn = at('Resources', 'Role', 'Properties', 'Arn');
    expect(arn.loc).toMatchObject({ line: 4, column: 12, pointer: '/Resources/Role/Properties/Arn' });
    expect(at('Resources', 'Role', 'Properties', 'Arn', 'Fn::GetAtt', 1).loc.pointer).toBe(
      '/Resources/Role/Properties/Arn/Fn::GetAtt/1',
    );
    const sub = at('Resources', 'Role', 'Properties', 'List', 1);
    expect(sub.loc).toMatchObject({ line: 7, column: 11 });
    expect(at('Resources', 'Role', 'Properties', 'List', 1, 'Fn::Sub', 0).loc).toMatchObject({
      line: 8,
      pointer: '/Resources/Role/Properties/List/1/Fn::Sub/0',
    });
  });

  it('gives keys their own location', () => {
    const resources = at('Resources');
    expect(resources.kind === 'object' && resources.entries[0]!.keyLoc).toMatchObject({ line: 2, column: 3 });
  });
});

describe('errors', () => {
  it.each([
    ['bad-indentation', 'a:\n  b: 1\n c: 2\n', 3],
    ['unclosed-flow', 'a: [1, 2\nb: 3\n', 2],
    ['duplicate-key', 'a: 1\nb: 2\na: 3\n', 3],
    ['tab-indentation', 'a:\n\tb: 1\n', 2],
  ])('%s is a located INVALID_YAML error', (_id, text, line) => {
    const r = parseCloudFormationYaml(text, 'bad.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ code: 'INVALID_YAML', file: 'bad.yaml', line });
    expect(r.errors[0]!.message).not.toContain('\n');
  });

  it('reports an empty file', () => {
    const r = parseCloudFormationYaml('  \n', 'empty.yaml');
    expect(!r.ok && r.errors[0]!.code).toBe('EMPTY_FILE');
  });
});

it('reads the seed YAML template as the same tree as the seed JSON template', () => {
  const yaml = tree(readFileSync(new URL('seed.cfn.yaml', FIXTURES), 'utf8'));
  const json = parseJsonLocated(readFileSync(new URL('seed.cfn.json', FIXTURES), 'utf8'), 'seed.cfn.json');
  expect(json.ok).toBe(true);
  if (json.ok) expect(plain(yaml)).toEqual(plain(json.value));
});
