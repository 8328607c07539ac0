/**
 * Runs a service's `main`. A configuration error is printed in one line and exits 1, as a
 * container should, instead of a stack trace.
 */
export function runService(main: () => void): void {
  try {
    main();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
