import { parse, tokenize, type ValueNode } from '@humanwhocodes/momoa';
import type { InputError } from '../model/errors.js';
import { childPointer, type Location } from '../model/location.js';
import { fail, ok, type Result } from '../model/result.js';

export type JsonScalarKind = 'string' | 'number' | 'boolean' | 'null';

export interface JsonEntry {
  key: string;
  keyLoc: Location;
  value: JsonNode;
}

/**
 * A JSON value with the place each part was read from. Object entries are a list, not a map, so
 * duplicate keys survive parsing and can be reported by whoever knows they matter.
 */
export type JsonNode =
  | { kind: 'object'; entries: JsonEntry[]; loc: Location }
  | { kind: 'array'; items: JsonNode[]; loc: Location }
  | { kind: 'string'; value: string; loc: Location }
  | { kind: 'number'; value: number; loc: Location }
  | { kind: 'boolean'; value: boolean; loc: Location }
  | { kind: 'null'; value: null; loc: Location };

export type JsonObject = Extract<JsonNode, { kind: 'object' }>;
export type JsonArray = Extract<JsonNode, { kind: 'array' }>;
export type JsonString = Extract<JsonNode, { kind: 'string' }>;

const BOM = '\uFEFF';

/** Parses JSON text into a located tree; syntax problems become one INVALID_JSON error. */
export function parseJsonLocated(text: string, file: string): Result<JsonNode, InputError> {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  if (body.trim() === '') {
    return fail({
      code: 'EMPTY_FILE',
      file,
      pointer: '',
      line: 0,
      column: 0,
      message: 'empty file, expected JSON',
    });
  }
  try {
    const doc = parse(body, { mode: 'json' });
    return ok(convert(doc.body, { text: body, file }, ''));
  } catch (e) {
    return fail(syntaxError(e, body, file));
  }
}

interface Source {
  text: string;
  file: string;
}

/** momoa lets raw control characters through inside strings; JSON and IAM do not. */
class UnescapedControlCharacter extends Error {
  constructor(
    readonly code: number,
    readonly line: number,
    readonly column: number,
  ) {
    super('unescaped control character');
  }
}

function checkString(node: { loc: ValueNode['loc'] }, src: Source): void {
  for (let i = node.loc.start.offset; i < node.loc.end.offset; i++) {
    const code = src.text.charCodeAt(i);
    if (code < 0x20) throw new UnescapedControlCharacter(code, node.loc.start.line, node.loc.start.column);
  }
}

function convert(node: ValueNode, src: Source, pointer: string): JsonNode {
  const { file } = src;
  const loc: Location = { file, pointer, line: node.loc.start.line, column: node.loc.start.column };
  switch (node.type) {
    case 'Object':
      return {
        kind: 'object',
        loc,
        entries: node.members.map((m) => {
          checkString(m.name, src);
          // JSON mode only yields string keys; identifiers exist in JSON5 mode, which we never use.
          const key = m.name.type === 'String' ? m.name.value : m.name.name;
          const p = childPointer(pointer, key);
          return {
            key,
            keyLoc: { file, pointer: p, line: m.name.loc.start.line, column: m.name.loc.start.column },
            value: convert(m.value, src, p),
          };
        }),
      };
    case 'Array':
      return {
        kind: 'array',
        loc,
        items: node.elements.map((el, i) => convert(el.value, src, childPointer(pointer, i))),
      };
    case 'String':
      checkString(node, src);
      return { kind: 'string', value: node.value, loc };
    case 'Number':
      return { kind: 'number', value: node.value, loc };
    case 'Boolean':
      return { kind: 'boolean', value: node.value, loc };
    case 'Null':
      return { kind: 'null', value: null, loc };
    default:
      // NaN and Infinity only come out of JSON5 mode.
      throw new Error(`unexpected ${node.type} node in JSON mode`);
  }
}

interface MomoaError {
  message: string;
  line: number;
  column: number;
  offset: number;
}

function isMomoaError(e: unknown): e is MomoaError {
  return (
    e instanceof Error &&
    typeof (e as Partial<MomoaError>).line === 'number' &&
    typeof (e as Partial<MomoaError>).offset === 'number'
  );
}

function syntaxError(e: unknown, text: string, file: string): InputError {
  if (e instanceof RangeError) {
    // Deeply nested input overflows the recursive parser; no policy nests anywhere near that deep.
    return {
      code: 'INVALID_JSON',
      file,
      pointer: '',
      line: 0,
      column: 0,
      message: 'invalid JSON: nested too deeply',
    };
  }
  if (e instanceof UnescapedControlCharacter) {
    const hex = e.code.toString(16).toUpperCase().padStart(4, '0');
    const escaped = JSON.stringify(String.fromCharCode(e.code)).slice(1, -1);
    const message = `invalid JSON: unescaped control character U+${hex} in a string; write it as ${escaped}`;
    return { code: 'INVALID_JSON', file, pointer: '', line: e.line, column: e.column, message };
  }
  if (!isMomoaError(e)) throw e;
  const base = { code: 'INVALID_JSON', file, pointer: '', line: e.line, column: e.column };
  if (e.message.startsWith('Unexpected end of input')) {
    return { ...base, message: 'invalid JSON: unexpected end of input' };
  }
  const found = tokenAt(text, e.offset);
  const short = found.length > 40 ? `${found.slice(0, 37)}...` : found;
  const quoted = found.startsWith('"') ? `string ${short}` : JSON.stringify(short);
  // momoa blames the last token it read when the text stops inside an array or object.
  if (e.message.startsWith('Unexpected token') && endsUnclosed(text, e.offset + found.length)) {
    return { ...base, message: `invalid JSON: unexpected end of input after ${quoted}` };
  }
  return { ...base, message: `invalid JSON: unexpected ${quoted}${hint(text, e.offset, found)}` };
}

function endsUnclosed(text: string, after: number): boolean {
  if (text.slice(after).trim() !== '') return false;
  try {
    let depth = 0;
    for (const t of tokenize(text)) {
      if (t.type === 'LBrace' || t.type === 'LBracket') depth++;
      else if (t.type === 'RBrace' || t.type === 'RBracket') depth--;
    }
    return depth > 0;
  } catch {
    return false;
  }
}

/** The string, word or single character that starts at `offset`. */
function tokenAt(text: string, offset: number): string {
  const re = /"(?:[^"\\\n]|\\.)*"?|[\w.+-]+|[\s\S]/uy;
  re.lastIndex = offset;
  return re.exec(text)?.[0] ?? '';
}

function hint(text: string, offset: number, found: string): string {
  const before = text.slice(0, offset).trimEnd();
  if ((found === '}' || found === ']') && before.endsWith(',')) return ' (trailing comma?)';
  if (found.startsWith("'")) return ' (JSON strings use double quotes)';
  if (found === '/') return ' (comments are not allowed in JSON)';
  if (found.startsWith('"') && /["\d\]}el]$/.test(before)) return ' (missing comma?)';
  return '';
}
