/**
 * Imports every suite file of this folder (`*.test.ts`). Run through tsx, the folder is read; in the
 * shipped bin, esbuild bundles every file the template matches and the build defines `SUITE_FILES`
 * (scripts/build-bins.mjs), so a new suite file ships without touching this list.
 */
import { readdir } from 'node:fs/promises';

declare const SUITE_FILES: readonly string[] | undefined;

const SUFFIX = '.test.ts';

async function suiteNames(): Promise<readonly string[]> {
  if (typeof SUITE_FILES !== 'undefined') return SUITE_FILES;
  const files = await readdir(new URL('.', import.meta.url));
  return files
    .filter((f) => f.endsWith(SUFFIX))
    .map((f) => f.slice(0, -SUFFIX.length))
    .sort();
}

/** Import each suite file in name order, announcing it first (tests register under that file). */
export async function loadSuites(begin: (file: string) => void): Promise<void> {
  for (const name of await suiteNames()) {
    begin(name);
    await import(`./${name}.test.ts`);
  }
}
