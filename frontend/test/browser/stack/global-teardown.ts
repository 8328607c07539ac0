export default async function globalTeardown(): Promise<void> {
  await globalThis.bookstoreBrowserStack?.stop();
  globalThis.bookstoreBrowserStack = undefined;
}
