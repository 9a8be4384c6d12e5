/**
 * CloudFormation YAML → the repo's located JSON tree. Short-form tags (`!Ref X`, `!GetAtt A.B`,
 * `!Sub ...`) become their long forms (`{"Ref": "X"}`, `{"Fn::GetAtt": ["A", "B"]}`), so the rest of
 * the reader only knows one form, and every node keeps its real line, column and JSON pointer.
 */
import {
  type CollectionTag,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type ScalarTag,
} from 'yaml';
import type { InputError } from '../../model/errors.js';
import { childPointer, type Location } from '../../model/location.js';
import { fail, ok, type Result } from '../../model/result.js';
import type { JsonEntry, JsonNode } from '../json-located.parse.js';

/** Short form → long-form key. `!GetAtt` and `!Condition` are special-cased below. */
export const CFN_SHORT_FORMS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!If': 'Fn::If',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!FindInMap': 'Fn::FindInMap',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue',
  '!Transform': 'Fn::Transform',
};

/**
 * Each short form on a scalar, a sequence and a mapping. The tags resolve to the parsed node itself:
 * the conversion below reads the tag name off the node, which keeps the node's source range.
 */
const CFN_TAGS: Array<ScalarTag | CollectionTag> = Object.keys(CFN_SHORT_FORMS).flatMap((tag) => [
  { tag, resolve: (value: string) => value },
  { tag, collection: 'seq' as const, resolve: (value: Node) => value },
  { tag, collection: 'map' as const, resolve: (value: Node) => value },
]);

interface Source {
  text: string;
  file: string;
  lines: LineCounter;
  doc: Document;
}

/** Parses a YAML CloudFormation template; syntax problems become INVALID_YAML errors, all of them. */
export function parseCloudFormationYaml(text: string, file: string): Result<JsonNode, InputError> {
  if (text.trim() === '') {
    return fail({ code: 'EMPTY_FILE', file, pointer: '', line: 0, column: 0, message: 'empty file' });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    customTags: CFN_TAGS,
    prettyErrors: false,
    uniqueKeys: true,
  });
  if (doc.errors.length > 0) {
    return fail(
      ...doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        const message = `invalid YAML: ${e.message.split('\n')[0]}`;
        return { code: 'INVALID_YAML', file, pointer: '', line, column: col, message };
      }),
    );
  }
  const root = doc.contents;
  if (!root) {
    return fail({
      code: 'EMPTY_FILE',
      file,
      pointer: '',
      line: 0,
      column: 0,
      message: 'empty YAML document',
    });
  }
  return ok(convert(root, { text, file, lines, doc }, ''));
}

function locAt(node: Node, src: Source, pointer: string): Location {
  return locAtOffset(node.range?.[0] ?? 0, src, pointer);
}

function locAtOffset(offset: number, src: Source, pointer: string): Location {
  const { line, col } = src.lines.linePos(offset);
  return { file: src.file, pointer, line, column: col };
}

/** A tagged node's range starts at its value; point at the tag itself when it is plainly written. */
function tagOffset(tag: string, node: Node, src: Source): number {
  const valueAt = node.range?.[0] ?? 0;
  const at = src.text.lastIndexOf(tag, valueAt);
  if (at < 0 || !/^\s*(?:&\S+\s*)?$/.test(src.text.slice(at + tag.length, valueAt))) return valueAt;
  return at;
}

function convert(node: Node, src: Source, pointer: string): JsonNode {
  const tag = node.tag;
  if (tag?.startsWith('!') && tag !== '!') return shortForm(tag, node, src, pointer);
  return plain(node, src, pointer);
}

function plain(node: Node, src: Source, pointer: string): JsonNode {
  const loc = locAt(node, src, pointer);
  if (isAlias(node)) {
    const target = node.resolve(src.doc);
    // CloudFormation rejects aliases; read them anyway, located at the alias.
    return target ? { ...convert(target, src, pointer), loc } : { kind: 'null', value: null, loc };
  }
  if (isMap(node)) {
    const entries: JsonEntry[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const p = childPointer(pointer, key);
      const keyLoc = isScalar(keyNode) ? locAt(keyNode, src, p) : loc;
      const value: JsonNode = isNodeLike(pair.value)
        ? convert(pair.value, src, p)
        : { kind: 'null', value: null, loc: keyLoc };
      entries.push({ key, keyLoc, value });
    }
    return { kind: 'object', entries, loc };
  }
  if (isSeq(node)) {
    return {
      kind: 'array',
      loc,
      items: node.items.map((item, i) =>
        isNodeLike(item)
          ? convert(item, src, childPointer(pointer, i))
          : { kind: 'null' as const, value: null, loc },
      ),
    };
  }
  if (isScalar(node)) return scalar(node.value, node.source, loc);
  return { kind: 'null', value: null, loc };
}

function isNodeLike(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value);
}

function scalar(value: unknown, source: string | undefined, loc: Location): JsonNode {
  if (value === null || value === undefined) return { kind: 'null', value: null, loc };
  if (typeof value === 'boolean') return { kind: 'boolean', value, loc };
  if (typeof value === 'number' || typeof value === 'bigint') {
    // `012345678901` (an account id) or `1.10` must not lose digits: keep what was written.
    const n = Number(value);
    if (source !== undefined && String(n) !== source) return { kind: 'string', value: source, loc };
    return { kind: 'number', value: n, loc };
  }
  return { kind: 'string', value: String(value), loc };
}

/** `!Ref X` → `{"Ref": "X"}`; `!GetAtt A.B` → `{"Fn::GetAtt": ["A", "B"]}`; unknown `!Foo` → `{"Fn::Foo": ...}`. */
function shortForm(tag: string, node: Node, src: Source, pointer: string): JsonNode {
  const loc = locAtOffset(tagOffset(tag, node, src), src, pointer);
  const key = CFN_SHORT_FORMS[tag] ?? `Fn::${tag.slice(1)}`;
  const p = childPointer(pointer, key);
  const keyLoc = { ...loc, pointer: p };
  let value: JsonNode;
  if (key === 'Fn::GetAtt' && isScalar(node)) {
    const text = String(node.value ?? '');
    const dot = text.indexOf('.');
    const parts = dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
    value = {
      kind: 'array',
      loc: keyLoc,
      items: parts.map((part, i) => ({
        kind: 'string' as const,
        value: part,
        loc: { ...loc, pointer: childPointer(p, i) },
      })),
    };
  } else if (isScalar(node)) {
    // A tagged scalar is text whatever it looks like (`!Ref 123` names "123").
    value = { kind: 'string', value: String(node.value ?? ''), loc: keyLoc };
  } else {
    value = plain(node, src, p);
  }
  return { kind: 'object', loc, entries: [{ key, keyLoc, value }] };
}
