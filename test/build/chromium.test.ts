/**
 * scripts/chromium.mjs: how `npm test` finds or provisions a Chromium. The machine is replaced by
 * probes, so every branch runs here (this machine has Chromium installed and no route to Google).
 */
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type ChromeProbes,
  chromeCacheDir,
  ensureChrome,
  findChrome,
  findInstalledChrome,
} from '../../scripts/chromium.mjs';

/** A machine with nothing installed; each test overrides what it needs, and records every step. */
function machine(overrides: Partial<ChromeProbes> = {}) {
  const calls: string[] = [];
  const record =
    <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    (...args: A): R => {
      calls.push(name);
      return fn(...args);
    };
  const base: ChromeProbes = {
    installed: () => null,
    cached: () => null,
    latestBuild: () => Promise.reject(new Error('getaddrinfo ENOTFOUND googlechromelabs.github.io')),
    download: () => Promise.reject(new Error('not reached')),
    starts: () => ({ ok: true, version: 'Chromium 156' }),
    isRoot: () => true,
    debianLike: () => true,
    aptInstall: () => '/usr/bin/chromium',
  };
  const probes = { ...base, ...overrides };
  const recorded = Object.fromEntries(
    Object.entries(probes).map(([name, fn]) => [name, record(name, fn as (...a: unknown[]) => unknown)]),
  ) as unknown as ChromeProbes;
  const log: string[] = [];
  return {
    probes: recorded,
    calls,
    log,
    options: { env: {}, probes: recorded, log: (l: string) => log.push(l) },
  };
}

/** A temp dir for one describe's tests (made before them, removed after): `at(…)` is a path in it. */
function suiteTempDir(prefix: string): (...parts: string[]) => string {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  after(() => rm(dir, { recursive: true, force: true }));
  return (...parts) => join(dir, ...parts);
}

describe('ensureChrome (scripts/chromium.mjs)', () => {
  const at = suiteTempDir('chromium-test-');

  it('takes $CHROME_PATH first, and refuses one that does not exist instead of downloading', async () => {
    const binary = at('my-chrome');
    await writeFile(binary, '');
    const m = machine();
    assert.equal(await ensureChrome({ ...m.options, env: { CHROME_PATH: binary } }), binary);
    assert.deepEqual(m.calls, []);
    await assert.rejects(
      ensureChrome({ ...m.options, env: { CHROME_PATH: at('typo') } }),
      /CHROME_PATH is set to ".*typo", but no file exists there/,
    );
    assert.deepEqual(m.calls, []);
  });

  it('uses an installed Chrome without downloading or saying anything', async () => {
    const m = machine({ installed: () => '/usr/bin/chromium' });
    assert.equal(await ensureChrome(m.options), '/usr/bin/chromium');
    assert.deepEqual(m.calls, ['installed']);
    assert.deepEqual(m.log, []);
  });

  it('reuses a Chrome for Testing downloaded earlier when it starts', async () => {
    const m = machine({ cached: () => '/cache/chrome' });
    assert.equal(await ensureChrome(m.options), '/cache/chrome');
    assert.deepEqual(m.calls, ['installed', 'cached', 'starts']);
  });

  it('downloads Chrome for Testing when nothing is installed, and says so', async () => {
    const m = machine({
      latestBuild: () => Promise.resolve({ buildId: '150.0.1', platform: 'linux' }),
      download: (build, log) => {
        log(`downloading Chrome for Testing ${build.buildId}`);
        return Promise.resolve('/cache/chrome/linux-150.0.1/chrome');
      },
    });
    assert.equal(await ensureChrome(m.options), '/cache/chrome/linux-150.0.1/chrome');
    assert.deepEqual(m.calls, ['installed', 'cached', 'latestBuild', 'download', 'starts']);
    assert.match(m.log.join('\n'), /no Chrome or Chromium installed; downloading Chrome for Testing/);
    assert.match(m.log.join('\n'), /using \/cache\/chrome\/linux-150.0.1\/chrome \(Chromium 156\)/);
  });

  it('gives up on a release list that does not answer within the timeout, then installs with apt', async () => {
    const m = machine({ latestBuild: () => new Promise(() => {}) });
    const started = Date.now();
    assert.equal(await ensureChrome({ ...m.options, timeoutMs: 50 }), '/usr/bin/chromium');
    assert.ok(Date.now() - started < 5000, 'the hanging request is abandoned, not awaited');
    assert.deepEqual(m.calls, [
      'installed',
      'cached',
      'latestBuild',
      'isRoot',
      'debianLike',
      'aptInstall',
      'starts',
    ]);
    const said = m.log.join('\n');
    assert.match(
      said,
      /the download did not work: the Chrome for Testing release list: no answer within 0.05 s/,
    );
    assert.match(
      said,
      /installing Debian's chromium package instead: apt-get update && apt-get install -y chromium/,
    );
    assert.match(said, /using \/usr\/bin\/chromium/);
  });

  it('falls back to apt when the downloaded Chrome cannot start (missing system libraries)', async () => {
    const m = machine({
      latestBuild: () => Promise.resolve({ buildId: '150.0.1', platform: 'linux' }),
      download: () => Promise.resolve('/cache/chrome'),
      starts: (path) =>
        path === '/cache/chrome'
          ? { ok: false, reason: 'error while loading shared libraries: libnss3.so' }
          : { ok: true, version: 'Chromium 156' },
    });
    assert.equal(await ensureChrome(m.options), '/usr/bin/chromium');
    assert.match(
      m.log.join('\n'),
      /the downloaded Chrome does not start: error while loading shared libraries/,
    );
  });

  it('not root: no apt, and a message that says what was tried and what to do', async () => {
    const m = machine({ isRoot: () => false });
    await assert.rejects(ensureChrome(m.options), (error: Error) => {
      assert.match(error.message, /^No Chrome or Chromium for the browser tests\./);
      assert.match(error.message, /Downloading Chrome for Testing failed: getaddrinfo ENOTFOUND/);
      assert.match(error.message, /Not root, so no package was installed\./);
      assert.match(error.message, /sudo apt-get install -y chromium/);
      assert.match(error.message, /set CHROME_PATH/);
      return true;
    });
    assert.ok(!m.calls.includes('aptInstall'));
  });

  it('root on a system without apt: no install attempt, a clear message', async () => {
    const m = machine({ debianLike: () => false });
    await assert.rejects(ensureChrome(m.options), /Not Debian or Ubuntu with apt-get/);
    assert.ok(!m.calls.includes('aptInstall'));
  });

  it('a failed apt-get install ends in the message, with its reason', async () => {
    const m = machine({
      aptInstall: () => {
        throw new Error('apt-get install -y chromium failed (exit 100)');
      },
    });
    await assert.rejects(ensureChrome(m.options), /apt-get install -y chromium failed \(exit 100\)/);
  });
});

describe('findChrome / findInstalledChrome on a real file system', () => {
  const at = suiteTempDir('chromium-path-');

  it('finds chromium on PATH, in PATH order', async () => {
    const bin = at('bin');
    await mkdir(bin);
    await writeFile(join(bin, 'google-chrome'), '');
    await chmod(join(bin, 'google-chrome'), 0o755);
    assert.equal(findInstalledChrome({ PATH: `${at('empty')}:${bin}` }), join(bin, 'google-chrome'));
  });

  it('with nothing on PATH and an empty cache, says how to get one', {
    skip: process.platform !== 'linux',
  }, () => {
    const env = { PATH: at('empty'), CHROME_CACHE_DIR: at('cache') };
    assert.equal(chromeCacheDir(env), at('cache'));
    // Google's own package location is the one non-PATH place looked at on Linux.
    if (findInstalledChrome(env) !== null) return;
    assert.throws(
      () => findChrome(env),
      /No Chrome or Chromium found[\s\S]*Run `npm test` \(it provisions one\)/,
    );
  });

  it('finds the Chrome for Testing named in the cache', async () => {
    const cache = at('cache2');
    await mkdir(cache);
    const binary = join(cache, 'chrome');
    await writeFile(binary, '');
    await writeFile(join(cache, 'executable-path'), `${binary}\n`);
    assert.equal(findChrome({ PATH: at('empty'), CHROME_CACHE_DIR: cache }), binary);
  });
});
