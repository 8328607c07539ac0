/** Milliseconds since `start` (from `process.hrtime.bigint()`), to three decimals. */
export function elapsedMs(start: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - start) / 1000) / 1000;
}
