// Small helpers every benchmark uses: timing, percentiles and one printed line per figure.

export const ms = (value: number) => `${value.toFixed(1)} ms`;

export function record(name: string, value: string): void {
  console.log(`${name.padEnd(62)} ${value}`);
}

export async function time<T>(work: () => Promise<T> | T): Promise<{ result: T; elapsed: number }> {
  const started = performance.now();
  const result = await work();
  return { result, elapsed: performance.now() - started };
}

/** Runs `work` n times and describes the median and 95th percentile. */
export async function percentiles(runs: number, work: () => Promise<unknown> | unknown): Promise<string> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await time(work)).elapsed);
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] as number;
  return `p50 ${ms(at(0.5))} · p95 ${ms(at(0.95))} (n=${runs})`;
}

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
