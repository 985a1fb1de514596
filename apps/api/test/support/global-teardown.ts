export default async function globalTeardown(): Promise<void> {
  await globalThis.__ATLAS_TEST_DATABASE__?.dispose();
  globalThis.__ATLAS_TEST_DATABASE__ = undefined;
}
