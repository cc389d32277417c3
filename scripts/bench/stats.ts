export function median(values: number[]) {
  return percentile(values, 50)
}

export function percentile(values: number[], p: number) {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]!
}

/** Runs fn `runs` times after `warmup` runs and returns the timings in ms. */
export async function time(fn: () => unknown, runs: number, warmup = 2) {
  for (let i = 0; i < warmup; i++) await fn()
  const timings: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await fn()
    timings.push(performance.now() - started)
  }
  return timings
}
