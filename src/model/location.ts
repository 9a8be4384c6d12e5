/** Where a value sits in an input file: file path, RFC 6901 JSON pointer, 1-based line and column. */
export interface Location {
  file: string;
  pointer: string;
  line: number;
  column: number;
}

/** A value together with the place it was read from, so findings can point at it. */
export interface Located<T> {
  value: T;
  loc: Location;
}

export function formatLocation(loc: Location): string {
  const where = `${loc.file}:${loc.line}:${loc.column}`;
  return loc.pointer ? `${where} ${loc.pointer}` : where;
}

/** Escapes one reference token for a JSON pointer (RFC 6901). */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function childPointer(parent: string, token: string | number): string {
  return `${parent}/${pointerToken(token)}`;
}
