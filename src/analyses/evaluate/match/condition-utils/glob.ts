import type { ResolvedPart } from '../variables.js';

const LITERAL = 0;
const ONE = 1;
const STAR = 2;

/**
 * A StringLike matcher: `*` any run of characters, `?` exactly one, both across line breaks,
 * case-sensitive (IAM UG, "Condition operators": String). Only characters of `pattern` parts are
 * wildcards. No regular expression: the two-pointer walk below backtracks only to the last `*`,
 * so a policy full of stars cannot make matching blow up.
 */
export function compileGlob(parts: readonly ResolvedPart[]): (value: string) => boolean {
  let chars = '';
  const kinds: number[] = [];
  for (const { text, pattern } of parts) {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      chars += ch;
      kinds.push(pattern && ch === '*' ? STAR : pattern && ch === '?' ? ONE : LITERAL);
    }
  }
  const stars = kinds.filter((k) => k === STAR).length;
  const ones = kinds.filter((k) => k === ONE).length;
  if (stars === 0 && ones === 0) return (value) => value === chars;
  if (ones === 0 && stars === 1) {
    const at = kinds.indexOf(STAR);
    const head = chars.slice(0, at);
    const tail = chars.slice(at + 1);
    const min = head.length + tail.length;
    return (value) => value.length >= min && value.startsWith(head) && value.endsWith(tail);
  }
  const kind = Uint8Array.from(kinds);
  const n = kind.length;
  return (value) => {
    let p = 0;
    let s = 0;
    let starP = -1;
    let starS = 0;
    while (s < value.length) {
      if (p < n && kind[p] !== STAR && (kind[p] === ONE || chars.charCodeAt(p) === value.charCodeAt(s))) {
        p++;
        s++;
      } else if (p < n && kind[p] === STAR) {
        starP = p++;
        starS = s;
      } else if (starP >= 0) {
        p = starP + 1;
        s = ++starS;
      } else return false;
    }
    while (p < n && kind[p] === STAR) p++;
    return p === n;
  };
}
