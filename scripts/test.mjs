#!/usr/bin/env node
// `npm test`: every check CI runs, with the time each took. Stops at the first failure, and prints
// that step's output last so the error is the last thing on screen.
//
// The steps run in two lanes side by side:
//   - checks: type-check, lint, manifest, the in-process node tests, the contract suite, the size
//     budget — busy on the CPU;
//   - browser: a Chrome or Chromium (found or provisioned by scripts/chromium.mjs, then handed to the
//     rest as CHROME_PATH), the elements in Chromium, the demo end to end — mostly waiting on pages,
//     timers and sockets (about 0.7 of a core on average), so the checks lane fills the gaps.
// Each step's output is shown in one piece when it ends (the lanes would interleave line by line).
// `TEST_SERIAL=1 npm test` runs the steps one after another with their output live, as before.
// `npm test -- <part of a step name>…` runs only the matching steps.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const checks = [
  ['type-check', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['custom-elements.json is current', 'node', ['scripts/check-manifest.mjs']],
  ['mock server + API client (in-process)', 'npm', ['run', '--silent', 'test:node']],
  ['contract suite (against the mock server)', 'npm', ['run', '--silent', 'test:contract']],
  ['size budget', 'node', ['scripts/bench-size.mjs', '--check']],
];
const browser = [
  ['elements in Chromium', 'npm', ['run', '--silent', 'test:browser']],
  ['host demo end to end (production build, CSP, Chromium)', 'npm', ['run', '--silent', 'test:e2e']],
];

const only = process.argv.slice(2);
const chosen = (steps) =>
  steps
    .filter(([, , args]) => !args[0].startsWith('scripts/') || existsSync(args[0]))
    .filter(([name]) => !only.length || only.some((o) => name.includes(o)));
const serial = process.env.TEST_SERIAL === '1';
const lanes = serial
  ? [[...chosen(checks.slice(0, 5)), ...chosen(browser), ...chosen(checks.slice(5))]]
  : [chosen(checks), chosen(browser)];

const results = [];
let failure = null;
const running = new Set();

/** Run one step; its output is live (`serial`) or collected and printed when it ends. */
function runStep(name, cmd, args) {
  const started = performance.now();
  console.log(`\n▶ ${name}${serial ? '' : ' (started)'}`);
  const child = spawn(cmd, args, {
    stdio: serial ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    env: process.env,
    // Its own process group, so a failure elsewhere can stop it and everything it started.
    detached: !serial,
  });
  running.add(child);
  const output = [];
  child.stdout?.on('data', (chunk) => output.push(chunk));
  child.stderr?.on('data', (chunk) => output.push(chunk));
  return new Promise((done) => {
    child.on('close', (code) => {
      running.delete(child);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const text = Buffer.concat(output).toString();
      if (code === 0) {
        if (!serial) process.stdout.write(`\n── ${name} ──\n${text}`);
        results.push([name, '✔', seconds]);
        console.log(`✔ ${name} (${seconds} s)`);
        done(true);
      } else if (failure) {
        // Stopped because another step failed first.
        results.push([name, '–', seconds, 'stopped: another step failed']);
        done(false);
      } else {
        failure = { name, text };
        results.push([name, '✘', seconds]);
        for (const other of running) stop(other);
        done(false);
      }
    });
  });
}

/** Stop a step and everything it started: SIGTERM, then SIGKILL for what ignores it (native tsc does). */
function stop(child) {
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      child.kill(name);
    }
  };
  signal('SIGTERM');
  setTimeout(() => signal('SIGKILL'), 2000).unref();
}

/** The browser for the browser steps: found or provisioned once, then given to them as CHROME_PATH. */
async function chrome() {
  const started = performance.now();
  console.log('\n▶ Chrome or Chromium for the browser tests');
  // A child process: provisioning may run apt-get, which must not stall the other lane's output.
  const child = spawn(process.execPath, ['scripts/chromium.mjs'], { stdio: ['ignore', 'pipe', 'inherit'] });
  running.add(child);
  let path = '';
  child.stdout.on('data', (chunk) => {
    path += chunk;
  });
  const code = await new Promise((done) => child.on('close', done));
  running.delete(child);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (code !== 0 || failure) {
    results.push([
      'Chrome or Chromium',
      failure ? '–' : '✘',
      seconds,
      failure ? 'stopped: another step failed' : '',
    ]);
    if (!failure) failure = { name: 'Chrome or Chromium', text: '' };
    return false;
  }
  process.env.CHROME_PATH = path.trim();
  console.log(`Using ${process.env.CHROME_PATH}`);
  results.push(['Chrome or Chromium', '✔', seconds]);
  return true;
}

async function runLane(steps) {
  const needsChrome = new Set(browser.map(([name]) => name));
  for (const [name, cmd, args] of steps) {
    if (failure) return;
    if (needsChrome.has(name) && !process.env.CHROME_PATH && !(await chrome())) return;
    if (failure || !(await runStep(name, cmd, args))) return;
  }
}

const started = performance.now();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) stop(child);
    process.exit(130);
  });
}
await Promise.all(lanes.map(runLane));
const total = ((performance.now() - started) / 1000).toFixed(1);

if (failure?.text) process.stdout.write(`\n── ${failure.name} (failed) ──\n${failure.text}`);
console.log(
  `\n${results.map(([n, mark, s, note]) => `${mark} ${n} (${s} s${note ? `, ${note}` : ''})`).join('\n')}`,
);
console.log(`${serial ? 'One after another' : 'Two lanes side by side'}: ${total} s in all.`);
if (failure) console.error(`\nnpm test failed: ${failure.name}.`);
process.exit(failure ? 1 : 0);
