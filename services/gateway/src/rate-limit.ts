import { AppError } from '@tandem/platform';

/**
 * Per-tenant token bucket, per gateway instance: `perMinute` requests a minute with bursts up to
 * the same number. A tenant over its budget gets 429 with Retry-After; other tenants are unaffected.
 */
export class TenantRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number) {}

  take(tenantId: string, now = Date.now()): void {
    const b = this.buckets.get(tenantId) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + ((now - b.at) * this.perMinute) / 60_000);
    b.at = now;
    if (b.tokens < 1) {
      this.buckets.set(tenantId, b);
      const retryAfter = Math.ceil(((1 - b.tokens) * 60_000) / this.perMinute / 1000);
      throw new AppError(429, 'rate-limited', `tenant rate limit of ${this.perMinute} requests a minute reached; retry after ${retryAfter} s`);
    }
    b.tokens -= 1;
    this.buckets.set(tenantId, b);
  }
}
