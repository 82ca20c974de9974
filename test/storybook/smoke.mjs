#!/usr/bin/env node
// Runs every story of a built Storybook (`storybook-static/`) in headless Chromium and fails on a story
// that errors, a `play` function that throws, an axe violation (addon-a11y, `test: 'error'`) or a
// console error. Not part of `npm test` (it needs the build): `npm run test:storybook`.
//
//   node test/storybook/smoke.mjs [--dir storybook-static | --url http://127.0.0.1:6006] [--filter regexp] [--screenshots dir] [--verbose]
import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, findChrome } from '../../scripts/chromium.mjs';

const { values: options } = parseArgs({
  options: {
    dir: { type: 'string', default: 'storybook-static' },
    url: { type: 'string', default: '' }, // a running Storybook (e.g. `npm run storybook`) instead of --dir
    filter: { type: 'string', default: '' }, // a RegExp on story ids
    verbose: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '45000' },
    screenshots: { type: 'string', default: '' }, // a directory: one PNG per story
  },
});

const dir = resolve(options.dir);
if (!options.url && !existsSync(join(dir, 'index.json'))) {
  console.error(`No built Storybook in ${dir}: run \`npm run build-storybook\` first.`);
  process.exit(1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  if (path === '/favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  let file = join(dir, path);
  if (!file.startsWith(dir)) {
    res.writeHead(403).end();
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const base = options.url.replace(/\/$/, '') || `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_FLAGS });

const index = options.url
  ? await (await fetch(`${base}/index.json`)).json()
  : JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'));
const stories = Object.values(index.entries).filter(
  (e) => (e.type === 'story' || e.type === 'docs') && new RegExp(options.filter).test(e.id),
);

/** Collect the preview channel's story events from the first moment the channel exists. */
function hookChannel() {
  const events = [];
  globalThis.__smokeEvents = events;
  let channel;
  Object.defineProperty(globalThis, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(value) {
      channel = value;
      for (const name of [
        'storyFinished',
        'storyErrored',
        'storyThrewException',
        'playFunctionThrewException',
        'unhandledErrorsWhilePlaying',
        'storyMissing',
        'docsRendered',
      ]) {
        value.on(name, (payload) => {
          let copy = null;
          try {
            copy = JSON.parse(JSON.stringify(payload ?? null));
          } catch {
            copy = String(payload);
          }
          events.push({ name, payload: copy });
        });
      }
    },
  });
}

const timeout = Number(options.timeout);
const failures = [];
const context = await browser.createBrowserContext();
for (const story of stories) {
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (message) => {
    // The browser logs every 4xx/5xx response; API answers are the stories' subject (asset misses are
    // caught below from the responses themselves).
    const browserNoise = message.text().startsWith('Failed to load resource');
    if (message.type() === 'error' && !browserNoise) consoleErrors.push(message.text());
    if (options.verbose) console.log(`    [${message.type()}] ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() < 400) return;
    const api = /\/(api\/v1|__dev)\//.test(response.url());
    if (!api && !response.url().endsWith('/favicon.ico'))
      consoleErrors.push(`${response.status()} ${response.url()}`);
    if (options.verbose) console.log(`    [${response.status()}] ${response.url()}`);
  });
  await page.evaluateOnNewDocument(hookChannel);
  const started = performance.now();
  const problems = [];
  let text = '';
  try {
    const docs = story.type === 'docs';
    const url = `${base}/iframe.html?id=${story.id}&viewMode=${docs ? 'docs' : 'story'}`;
    await page.goto(url, { waitUntil: 'load' });
    const done = docs
      ? ['docsRendered', 'storyErrored', 'storyMissing']
      : ['storyFinished', 'storyErrored', 'storyMissing'];
    await page.waitForFunction(
      (names) => globalThis.__smokeEvents?.some((e) => names.includes(e.name)),
      { timeout, polling: 100 },
      done,
    );
    const events = await page.evaluate(() => globalThis.__smokeEvents);
    for (const { name, payload } of events) {
      if (name === 'docsRendered') continue;
      if (name === 'storyFinished') {
        for (const reporter of payload?.reporters ?? []) {
          const violations = reporter.result?.violations?.length ?? 0;
          const passes = reporter.result?.passes?.length ?? 0;
          if (options.verbose)
            console.log(
              `    ${reporter.type}: ${reporter.status} (${violations} violations, ${passes} passes)`,
            );
        }
        if (payload?.status === 'error') {
          for (const reporter of payload.reporters ?? []) {
            const violations = reporter.result?.violations ?? [];
            for (const v of violations) {
              problems.push(
                `axe ${v.id}: ${v.help} (${v.nodes?.map((n) => n.target?.join(' ')).join(', ')})`,
              );
            }
            if (!violations.length && reporter.status === 'error') problems.push(`${reporter.type}: error`);
          }
          if (!problems.length) problems.push('finished with status error');
        }
      } else {
        const detail = JSON.stringify(payload);
        problems.push(`${name}: ${options.verbose ? detail : detail.slice(0, 600)}`);
      }
    }
    text = await page.evaluate(() => {
      const root = document.querySelector('#storybook-root');
      const collect = (node) => {
        let out = '';
        for (const child of node.childNodes) {
          if (child.nodeType === Node.TEXT_NODE) out += ` ${child.textContent}`;
          else if (child.nodeType === Node.ELEMENT_NODE) {
            if (child.shadowRoot) out += collect(child.shadowRoot);
            out += collect(child);
          }
        }
        return out;
      };
      return root ? collect(root).replace(/\s+/g, ' ').trim() : '';
    });
    if (options.screenshots) {
      await mkdir(options.screenshots, { recursive: true });
      await page.screenshot({ path: join(options.screenshots, `${story.id}.png`), fullPage: docs });
    }
  } catch (error) {
    problems.push(`did not finish: ${error.message}`);
  }
  problems.push(...consoleErrors.map((e) => `console.error: ${e.slice(0, 400)}`));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const ok = problems.length === 0;
  console.log(`${ok ? '✔' : '✘'} ${story.id} (${seconds} s)`);
  if (options.verbose || !ok) console.log(`    text: ${text.slice(0, 400)}`);
  for (const p of problems) console.log(`    ${p}`);
  if (!ok) failures.push(story.id);
  await page.close();
}

await browser.close();
server.close();
console.log(`\n${stories.length - failures.length}/${stories.length} stories passed.`);
process.exit(failures.length ? 1 : 0);
