/** A fixed-capacity buffer that drops its oldest item when full. */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  // Index of the slot the next push writes to; once full, also the oldest item.
  private next = 0;
  private count = 0;

  /** @param capacity how many items are kept; a positive integer. */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`Ring capacity must be a positive integer, got ${capacity}`);
    }
    this.items = new Array<T | undefined>(capacity);
  }

  /** How many items are held. */
  get size(): number {
    return this.count;
  }

  /** The most recently pushed item, if any. */
  newest(): T | undefined {
    return this.count === 0 ? undefined : this.items[(this.next - 1 + this.capacity) % this.capacity];
  }

  /** Adds an item, dropping the oldest when full. */
  push(item: T): void {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** Overwrites the newest item in place; pushes when empty. */
  replaceNewest(item: T): void {
    if (this.count === 0) return this.push(item);
    this.items[(this.next - 1 + this.capacity) % this.capacity] = item;
  }

  /** The items, oldest first. */
  toArray(): T[] {
    const start = (this.next - this.count + this.capacity) % this.capacity;
    return Array.from({ length: this.count }, (_, i) => this.items[(start + i) % this.capacity] as T);
  }
}
