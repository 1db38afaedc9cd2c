/**
 * Token buckets keyed by a string (an email, a client address). A key starts with
 * `capacity` tokens and regains `refillPerSecond`; a call that finds no token is refused.
 */
export class TokenBucketThrottle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly capacity: number,
    readonly refillPerSecond: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes one token for `key`; false when none is left. */
  consume(key: string, now = Date.now()): boolean {
    const bucket = this.refill(key, now);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Would `consume` succeed? (Takes nothing.) */
  peek(key: string, now = Date.now()): boolean {
    return this.refill(key, now).tokens >= 1;
  }

  /** Milliseconds until `key` has a token again (0 when it has one now). */
  retryAfterMs(key: string, now = Date.now()): number {
    const { tokens } = this.refill(key, now);
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / this.refillPerSecond) * 1000);
  }

  reset(key: string): void {
    this.buckets.delete(key);
  }

  private refill(key: string, now: number) {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.evictFull(now);
      bucket = { tokens: this.capacity, at: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    const elapsed = Math.max(0, now - bucket.at) / 1000;
    bucket.tokens = Math.min(this.capacity, bucket.tokens + elapsed * this.refillPerSecond);
    bucket.at = now;
    return bucket;
  }

  private evictFull(now: number) {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.refillPerSecond >= this.capacity) this.buckets.delete(key);
    }
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}
