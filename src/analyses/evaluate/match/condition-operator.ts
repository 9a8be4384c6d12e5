/**
 * Condition operator names: `[ForAllValues:|ForAnyValue:]<base>[IfExists]` (IAM UG, "Condition
 * operators" and "Multivalued context keys"). Parsing only; evaluation lives beside it.
 */
export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

export interface ParsedOperator {
  /** Canonical spelling, e.g. `ForAnyValue:StringLikeIfExists`. */
  canonical: string;
  base: string;
  family: OperatorFamily;
  /** Negated operators (StringNotEquals, NotIpAddress, ...) are true when no value matches. */
  negated: boolean;
  ifExists: boolean;
  set: 'ForAllValues' | 'ForAnyValue' | null;
}

const BASES: ReadonlyArray<readonly [string, OperatorFamily, boolean]> = [
  ['StringEquals', 'String', false],
  ['StringNotEquals', 'String', true],
  ['StringEqualsIgnoreCase', 'String', false],
  ['StringNotEqualsIgnoreCase', 'String', true],
  ['StringLike', 'String', false],
  ['StringNotLike', 'String', true],
  ['NumericEquals', 'Numeric', false],
  ['NumericNotEquals', 'Numeric', true],
  ['NumericLessThan', 'Numeric', false],
  ['NumericLessThanEquals', 'Numeric', false],
  ['NumericGreaterThan', 'Numeric', false],
  ['NumericGreaterThanEquals', 'Numeric', false],
  ['DateEquals', 'Date', false],
  ['DateNotEquals', 'Date', true],
  ['DateLessThan', 'Date', false],
  ['DateLessThanEquals', 'Date', false],
  ['DateGreaterThan', 'Date', false],
  ['DateGreaterThanEquals', 'Date', false],
  ['Bool', 'Bool', false],
  ['BinaryEquals', 'Binary', false],
  ['IpAddress', 'IpAddress', false],
  ['NotIpAddress', 'IpAddress', true],
  ['ArnEquals', 'Arn', false],
  ['ArnLike', 'Arn', false],
  ['ArnNotEquals', 'Arn', true],
  ['ArnNotLike', 'Arn', true],
  ['Null', 'Null', false],
];

const BY_LOWER = new Map(
  BASES.map(([name, family, negated]) => [name.toLowerCase(), { name, family, negated }]),
);

/** Every operator spelling AWS accepts, for did-you-mean suggestions. */
export const ALL_OPERATORS: readonly string[] = (() => {
  const out: string[] = [];
  for (const [name] of BASES) {
    const forms = name === 'Null' ? [name] : [name, `${name}IfExists`];
    for (const f of forms) out.push(f, `ForAllValues:${f}`, `ForAnyValue:${f}`);
  }
  return out;
})();

const cache = new Map<string, ParsedOperator | null>();

/** Parses an operator; undefined when AWS would not know it (such a condition never matches). */
export function parseOperator(text: string): ParsedOperator | undefined {
  let hit = cache.get(text);
  if (hit === undefined) {
    hit = parseUncached(text);
    cache.set(text, hit);
  }
  return hit ?? undefined;
}

function parseUncached(text: string): ParsedOperator | null {
  let rest = text;
  let set: ParsedOperator['set'] = null;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon).toLowerCase();
    if (prefix === 'forallvalues') set = 'ForAllValues';
    else if (prefix === 'foranyvalue') set = 'ForAnyValue';
    else return null;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    rest = rest.slice(0, -'ifexists'.length);
  }
  const base = BY_LOWER.get(rest.toLowerCase());
  if (!base) return null;
  if (ifExists && base.family === 'Null') return null; // Null already tests existence
  const canonical = `${set ? `${set}:` : ''}${base.name}${ifExists ? 'IfExists' : ''}`;
  return { canonical, base: base.name, family: base.family, negated: base.negated, ifExists, set };
}
