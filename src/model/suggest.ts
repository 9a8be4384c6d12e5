import { distance } from 'fastest-levenshtein';

/**
 * The closest candidate by edit distance (case-insensitive), or undefined when nothing is close
 * enough to be a plausible typo: by default at most a third of the word, and 1 to 4 edits.
 */
export function didYouMean<K extends string>(
  input: string,
  candidates: Iterable<K>,
  limit = Math.max(1, Math.min(4, Math.floor(input.length / 3))),
): K | undefined {
  const lower = input.toLowerCase();
  let best: K | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    if (Math.abs(cl.length - lower.length) > limit) continue;
    const d = distance(lower, cl);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}
