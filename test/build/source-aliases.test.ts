/**
 * The demo and the stories use the library as a host does: by the package name and its public
 * entries only. Vite resolves those names to the sources (`sourceAliases()` in vite.config.ts), the
 * type checker through tsconfig.json's `paths`; both must name the same file for every entry, and
 * every entry must be a subpath of package.json's `exports`.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { entrySpecifier, LIBRARY_ENTRIES, PACKAGE_NAME, sourceAliases } from '../../vite.config.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|tsx|mts|mjs|js)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .filter((path) => !/(^|\/)(dist|node_modules|storybook-static)\//.test(path));
}

/** Every module specifier of a file: static and dynamic imports, re-exports. */
function specifiers(code: string): string[] {
  const found = [
    ...code.matchAll(/\b(?:import|export)\s[^'"]*?\sfrom\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/\bimport\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((m) => m[1] ?? '');
}

/** tsconfig.json with its comments removed (it is JSONC). */
async function tsconfigPaths(): Promise<Record<string, string[]>> {
  const text = await readFile(join(root, 'tsconfig.json'), 'utf8');
  const json = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  return json.compilerOptions.paths;
}

describe('the package name resolves to the sources', () => {
  it("Vite's aliases and tsconfig paths name the same file for every library entry", async () => {
    const paths = await tsconfigPaths();
    const aliases = sourceAliases();
    for (const [entry, file] of Object.entries(LIBRARY_ENTRIES)) {
      const specifier = entrySpecifier(entry);
      assert.deepEqual(paths[specifier], [`./${file}`], `tsconfig paths for ${specifier}`);
      const alias = aliases.find((a) => (a.find as RegExp).test(specifier));
      assert.equal(alias?.replacement, resolve(root, file), `Vite alias for ${specifier}`);
    }
    // Exact matches only: a deep import is not an entry.
    assert.equal(
      aliases.some((a) => (a.find as RegExp).test(`${PACKAGE_NAME}/personal-info-form/define`)),
      false,
    );
  });

  it("every entry is one of package.json's exports", async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      name: string;
      exports: Record<string, unknown>;
    };
    assert.equal(pkg.name, PACKAGE_NAME);
    for (const entry of Object.keys(LIBRARY_ENTRIES)) {
      const subpath = entry === 'index' ? '.' : `./${entry}`;
      assert.ok(subpath in pkg.exports, `package.json exports ${subpath}`);
    }
  });

  it('host-demo/ and stories/ import the library only through its public entries', async () => {
    const files = [...(await sources('host-demo')), ...(await sources('stories'))];
    assert.ok(files.length > 10, `found ${files.length} files`);
    const paths = await tsconfigPaths();
    const offending: string[] = [];
    for (const file of files) {
      for (const specifier of specifiers(await readFile(join(root, file), 'utf8'))) {
        const internal = /(^|\/)components\//.test(specifier);
        const unknownEntry = specifier.startsWith(`${PACKAGE_NAME}`) && !(specifier in paths);
        if (internal || unknownEntry) offending.push(`${file}: ${specifier}`);
      }
    }
    assert.deepEqual(offending, []);
  });
});
