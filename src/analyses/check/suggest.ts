import { distance } from 'fastest-levenshtein';

/**
 * The closest candidate by edit distance (case-insensitive), or undefined when nothing is close
 * enough to be a plausible typo: at most a third of the word, and at least 1 and at most 4 edits.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const lower = input.toLowerCase();
  const limit = Math.max(1, Math.min(4, Math.floor(lower.length / 3)));
  let best: string | undefined;
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
