// Shared by the bench scripts: where results go, how a table is printed, small stats helpers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RESULTS_DIR = join(ROOT, 'bench', 'results');

/**
 * A plain-text table: first row is the header; columns sized to their widest cell. Numbers (with a unit)
 * are right-aligned, text left-aligned; `align` fixes a column either way (`'left'` / `'right'` by index),
 * for a column that mixes both.
 */
export function table(rows, align = []) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  const right = (c, i) =>
    align[i] ? align[i] === 'right' : typeof c === 'number' || /^[\d.,×%+-]+( [a-zA-Z/]+)?$/.test(String(c));
  const line = (r) =>
    r
      .map((c, i) => (right(c, i) ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Where and when: the machine is shared and noisy, so every result says what it ran on. */
export function environment() {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** Write `<name>.json` and `<name>.txt` into bench/results/ and print the table. */
export function writeResults(name, json, text) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    join(RESULTS_DIR, `${name}.json`),
    `${JSON.stringify({ ...json, environment: environment() }, null, 2)}\n`,
  );
  writeFileSync(join(RESULTS_DIR, `${name}.txt`), `${text}\n`);
  console.log(text);
  console.log(`\n(written to bench/results/${name}.json and .txt)`);
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export const kb = (bytes) => round(bytes / 1024, 1);
