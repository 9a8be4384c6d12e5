/**
 * Runs `fn` over `items` with at most `limit` calls in flight and yields the results in input order.
 * `fn` should not reject: a rejection ends the iteration with that error.
 */
export async function* orderedPool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const running: Array<Promise<R>> = [];
  let next = 0;
  const start = () => {
    const p = fn(items[next++] as T);
    // Observed here so that a rejection waiting behind an earlier item is not reported as unhandled.
    p.catch(() => {});
    running.push(p);
  };
  while (next < items.length && running.length < Math.max(1, limit)) start();
  while (running.length > 0) {
    const result = await (running.shift() as Promise<R>);
    if (next < items.length) start();
    yield result;
  }
}
