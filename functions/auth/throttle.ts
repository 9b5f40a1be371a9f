// Repeated failed sign-ins: after 5 failures for one user name, or 20 from one address, within 15
// minutes, further attempts are refused (429) until the window has passed. In memory: per server process
// locally; in the cloud Cognito does its own.

const WINDOW_MS = 15 * 60 * 1000;
const LIMITS = { user: 5, address: 20 } as const;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  private recent(key: string): number[] {
    const since = this.now() - WINDOW_MS;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Milliseconds until another attempt is allowed; 0 when it is allowed now. */
  retryAfter(username: string, address: string): number {
    const waits = [
      [`user:${username.toLowerCase()}`, LIMITS.user],
      [`address:${address}`, LIMITS.address],
    ] as const;
    let wait = 0;
    for (const [key, limit] of waits) {
      const recent = this.recent(key);
      if (recent.length >= limit)
        wait = Math.max(wait, (recent[recent.length - limit] as number) + WINDOW_MS - this.now());
    }
    return wait;
  }

  fail(username: string, address: string): void {
    for (const key of [`user:${username.toLowerCase()}`, `address:${address}`]) {
      this.failures.set(key, [...this.recent(key), this.now()]);
    }
  }

  succeed(username: string): void {
    this.failures.delete(`user:${username.toLowerCase()}`);
  }
}
