import type { Location } from '../../model/location.js';
import type { JsonNode, JsonObject } from '../json-located.parse.js';

/** The first entry named `key`; later duplicates are ignored as AWS and Terraform do. */
export function field(obj: JsonObject | undefined, key: string): JsonNode | undefined {
  return obj?.entries.find((e) => e.key === key)?.value;
}

export function asObject(node: JsonNode | undefined): JsonObject | undefined {
  return node?.kind === 'object' ? node : undefined;
}

/** Terraform writes nested blocks as arrays even when they hold one block; take the first. */
export function asBlock(node: JsonNode | undefined): JsonObject | undefined {
  if (node?.kind === 'array') return asObject(node.items[0]);
  return asObject(node);
}

/** A scalar as text (`1` and `true` are text to CloudFormation); undefined for null, lists and maps. */
export function scalarText(node: JsonNode | undefined): string | undefined {
  if (node?.kind === 'string') return node.value;
  if (node?.kind === 'number' || node?.kind === 'boolean') return String(node.value);
  return undefined;
}

export function asList(node: JsonNode | undefined): JsonNode[] {
  if (!node || node.kind === 'null') return [];
  return node.kind === 'array' ? node.items : [node];
}

export function stringNode(value: string, loc: Location): JsonNode {
  return { kind: 'string', value, loc };
}

/**
 * Points every location of a tree parsed from a string at that string in the outer file, pointers
 * continuing into it: positions inside an escaped JSON string mean nothing to someone reading the file.
 */
export function relocate(node: JsonNode, at: Location): JsonNode {
  const loc = (inner: Location): Location => ({
    file: at.file,
    pointer: at.pointer + inner.pointer,
    line: at.line,
    column: at.column,
  });
  switch (node.kind) {
    case 'object':
      return {
        kind: 'object',
        loc: loc(node.loc),
        entries: node.entries.map((e) => ({
          key: e.key,
          keyLoc: loc(e.keyLoc),
          value: relocate(e.value, at),
        })),
      };
    case 'array':
      return { kind: 'array', loc: loc(node.loc), items: node.items.map((i) => relocate(i, at)) };
    default:
      return { ...node, loc: loc(node.loc) };
  }
}
