import { describe, expect, it } from 'vitest';
import { type JsonNode, parseJsonLocated } from './json-located.parse.js';

function parsed(text: string): JsonNode {
  const r = parseJsonLocated(text, 'x.json');
  if (!r.ok) throw new Error(`expected to parse: ${JSON.stringify(r.errors)}`);
  return r.value;
}

/** Every node's pointer with its line:column, in document order. */
function positions(node: JsonNode, out: string[] = []): string[] {
  out.push(`${node.loc.pointer || '(root)'} ${node.loc.line}:${node.loc.column}`);
  if (node.kind === 'array') for (const item of node.items) positions(item, out);
  if (node.kind === 'object') {
    for (const e of node.entries) {
      out.push(`key ${e.keyLoc.pointer} ${e.keyLoc.line}:${e.keyLoc.column}`);
      positions(e.value, out);
    }
  }
  return out;
}

describe('parseJsonLocated', () => {
  it.each([
    ['string', '"s3:*"', { kind: 'string', value: 's3:*' }],
    ['number', '10', { kind: 'number', value: 10 }],
    ['negative float', '-1.5e2', { kind: 'number', value: -150 }],
    ['true', 'true', { kind: 'boolean', value: true }],
    ['false', 'false', { kind: 'boolean', value: false }],
    ['null', 'null', { kind: 'null', value: null }],
  ])('reads a top-level %s', (_id, text, expected) => {
    expect(parsed(text)).toMatchObject({
      ...expected,
      loc: { file: 'x.json', pointer: '', line: 1, column: 1 },
    });
  });

  it('gives every value and key its pointer, line and column', () => {
    const text = '{\n  "a": [1, {"b/c": null}],\n  "d~e": "x"\n}';
    expect(positions(parsed(text))).toEqual([
      '(root) 1:1',
      'key /a 2:3',
      '/a 2:8',
      '/a/0 2:9',
      '/a/1 2:12',
      'key /a/1/b~1c 2:13',
      '/a/1/b~1c 2:20',
      'key /d~0e 3:3',
      '/d~0e 3:10',
    ]);
  });

  it('keeps duplicate keys, in order', () => {
    const node = parsed('{"Effect": "Allow", "Effect": "Deny"}');
    expect(
      node.kind === 'object' && node.entries.map((e) => [e.key, e.value.kind === 'string' && e.value.value]),
    ).toEqual([
      ['Effect', 'Allow'],
      ['Effect', 'Deny'],
    ]);
  });

  it('skips a leading UTF-8 byte order mark without shifting columns', () => {
    const node = parsed('\uFEFF{"a": 1}');
    expect(node.kind === 'object' && node.entries[0]?.value.loc).toMatchObject({ line: 1, column: 7 });
  });

  it.each([
    ['empty text', '', 'EMPTY_FILE', 0, 0, 'empty file'],
    ['whitespace only', ' \n\t\n', 'EMPTY_FILE', 0, 0, 'empty file'],
    ['only a byte order mark', '\uFEFF', 'EMPTY_FILE', 0, 0, 'empty file'],
    ['trailing comma', '{\n  "a": 1,\n}', 'INVALID_JSON', 3, 1, 'unexpected "}" (trailing comma?)'],
    [
      'missing comma',
      '{\n  "a": 1\n  "b": 2\n}',
      'INVALID_JSON',
      3,
      3,
      'unexpected string "b" (missing comma?)',
    ],
    ['single quotes', "{'a': 1}", 'INVALID_JSON', 1, 2, 'unexpected "\'" (JSON strings use double quotes)'],
    ['comment', '{ // note\n}', 'INVALID_JSON', 1, 3, 'comments are not allowed'],
    ['bare word', '{"a": tru}', 'INVALID_JSON', 1, 7, 'unexpected "tru"'],
    ['text after the value', '{"a": 1} x', 'INVALID_JSON', 1, 10, 'unexpected "x"'],
    ['unclosed array', '{"a": [1, 2', 'INVALID_JSON', 1, 11, 'unexpected end of input after "2"'],
    ['unclosed string', '{"a": "b', 'INVALID_JSON', 1, 9, 'unexpected end of input'],
    ['unclosed object', '{"a": 1', 'INVALID_JSON', 1, 8, 'unexpected end of input'],
    [
      'raw line break in a string',
      '{\n  "a": "x\ny"\n}',
      'INVALID_JSON',
      2,
      8,
      'unescaped control character U+000A in a string; write it as \\n',
    ],
    [
      'raw tab in a key',
      '{"a\tb": 1}',
      'INVALID_JSON',
      1,
      2,
      'unescaped control character U+0009 in a string; write it as \\t',
    ],
  ])('reports %s', (_id, text, code, line, column, message) => {
    const r = parseJsonLocated(text, 'x.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code, file: 'x.json', pointer: '', line, column });
    expect(r.errors[0]?.message).toContain(message);
  });

  it('reports nesting too deep for the parser instead of crashing', () => {
    const r = parseJsonLocated('['.repeat(200_000) + ']'.repeat(200_000), 'x.json');
    expect(r.ok ? [] : r.errors).toEqual([
      expect.objectContaining({ code: 'INVALID_JSON', message: 'invalid JSON: nested too deeply' }),
    ]);
  });
});
