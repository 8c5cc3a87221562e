/**
 * A cache that keeps at most about `2 * capacity` entries and forgets the least recently used
 * ones, in O(1) per access without reordering: entries live in a young and an old generation;
 * a hit in the old one is promoted, and when the young one fills up the old one is dropped.
 */
export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const promoted = this.old.get(key);
    if (promoted !== undefined) this.set(key, promoted);
    return promoted;
  }

  has(key: K): boolean {
    return this.young.has(key) || this.old.has(key);
  }

  set(key: K, value: V): V {
    if (this.young.size >= this.capacity) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
    return value;
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }
}
