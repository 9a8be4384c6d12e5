/**
 * A client-side limiter that spaces calls evenly: at most `perSecond` starts per second. `reserve`
 * books the next free slot at once (so concurrent callers queue in order) and says how long to wait.
 */
export interface RateLimiter {
  reserve(): number;
}

export function intervalLimiter(perSecond: number, now: () => number = Date.now): RateLimiter {
  const interval = 1000 / perSecond;
  let nextFree = Number.NEGATIVE_INFINITY;
  return {
    reserve() {
      const t = now();
      const at = Math.max(t, nextFree);
      nextFree = at + interval;
      return Math.ceil(at - t);
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
