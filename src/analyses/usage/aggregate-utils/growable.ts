/** A growable typed array: the per-record references stay off the JS heap and cross threads as is. */
export class Growable<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(
    public array: T,
    private readonly make: (n: number) => T,
  ) {}

  /** Room for `n` more values; returns the array to write into. */
  reserve(n: number): T {
    if (this.length + n > this.array.length) {
      const next = this.make(Math.max(1024, 2 * this.array.length, this.length + n));
      next.set(this.array.subarray(0, this.length));
      this.array = next;
    }
    return this.array;
  }

  push(v: number): void {
    this.reserve(1)[this.length++] = v;
  }

  view(): T {
    return this.array.subarray(0, this.length) as T;
  }
}

export const int32 = (n: number) => new Int32Array(n);
export const float64 = (n: number) => new Float64Array(n);
