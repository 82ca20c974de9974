#!/usr/bin/env node
// The one Chromium lookup, provisioning and launch-flag list for every browser test, bench and smoke run.
//
// `npm test` calls `ensureChrome()` before its first browser step, so a fresh clone needs nothing else:
//   1. $CHROME_PATH, or a Chrome / Chromium already installed (on PATH, or where Google's packages put it);
//   2. Chrome for Testing downloaded earlier into the cache (below);
//   3. Chrome for Testing downloaded now with @puppeteer/browsers (its release list must answer within
//      CHROME_DOWNLOAD_TIMEOUT seconds, default 10, so a closed network fails fast);
//   4. root on Debian or Ubuntu: `apt-get install -y chromium` (which also brings the system libraries a
//      downloaded Chrome may lack);
//   5. otherwise a message that says what was tried and what to do.
// It says what it is doing at each step that takes time. `node scripts/chromium.mjs` runs it alone and
// prints the path.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Names of a Chrome or Chromium binary looked up on PATH, in this order. */
export const CHROME_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** Where Chrome is installed outside PATH (Google's Linux package, macOS apps, Windows). */
export const CHROME_LOCATIONS = {
  linux: ['/opt/google/chrome/chrome'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  win32: [
    `${process.env.PROGRAMFILES ?? 'C:\\Program Files'}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env.LOCALAPPDATA ?? 'C:\\'}\\Google\\Chrome\\Application\\chrome.exe`,
  ],
};

/** Where Debian's and Ubuntu's `chromium` package puts the binary (checked after `apt-get install`). */
export const APT_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Headless flags that work as root on a machine with a closed network. */
export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Chrome for Testing goes here (`$CHROME_CACHE_DIR`, else the user's cache dir); shared by every clone. */
export function chromeCacheDir(env = process.env) {
  if (env.CHROME_CACHE_DIR) return env.CHROME_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'personal-settings-elements', 'chrome');
}

/** The file in the cache dir naming the Chrome for Testing binary last downloaded (read synchronously). */
const MARKER = 'executable-path';

function onPath(name, env) {
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/** An installed Chrome or Chromium: PATH first, then the platform's usual install locations. */
export function findInstalledChrome(env = process.env) {
  for (const name of CHROME_NAMES) {
    const found = onPath(name, env);
    if (found) return found;
  }
  return (CHROME_LOCATIONS[process.platform] ?? []).find((path) => existsSync(path)) ?? null;
}

function cachedChrome(env) {
  try {
    const path = readFileSync(join(chromeCacheDir(env), MARKER), 'utf8').trim();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** `$CHROME_PATH` when set (it must exist: a typo there should not silently download a browser). */
function fromEnv(env) {
  if (!env.CHROME_PATH) return null;
  if (existsSync(env.CHROME_PATH)) return env.CHROME_PATH;
  throw new Error(`CHROME_PATH is set to "${env.CHROME_PATH}", but no file exists there.`);
}

const NOT_FOUND_HINT = [
  'Run `npm test` (it provisions one) or `node scripts/chromium.mjs`, install Chrome or Chromium',
  '(Debian/Ubuntu: `apt-get install -y chromium`), or set CHROME_PATH to a Chrome binary.',
].join('\n');

/**
 * Synchronous lookup for launchers (WTR config, puppeteer): `$CHROME_PATH`, an installed Chrome, or
 * the Chrome for Testing that `ensureChrome()` downloaded. Throws with what to do when there is none.
 */
export function findChrome(env = process.env) {
  const found = fromEnv(env) ?? findInstalledChrome(env) ?? cachedChrome(env);
  if (found) return found;
  throw new Error(
    `No Chrome or Chromium found (looked at $CHROME_PATH, ${CHROME_NAMES.join(', ')} on PATH and the download cache ${chromeCacheDir(env)}).\n${NOT_FOUND_HINT}`,
  );
}

const withTimeout = (promise, ms, what) => {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

/** A one-line reason from an error (network errors carry theirs in `cause`). */
const reasonOf = (error) => {
  const cause = error?.cause?.code ?? error?.code;
  const message = error instanceof Error ? error.message : String(error);
  return cause && !message.includes(cause) ? `${message} (${cause})` : message;
};

/** The real machine. `ensureChrome` takes replacements for tests. */
export function systemProbes(env = process.env) {
  return {
    installed: () => findInstalledChrome(env),
    cached: () => cachedChrome(env),
    /** The current stable Chrome for Testing build for this machine (one small JSON request). */
    async latestBuild() {
      const browsers = await import('@puppeteer/browsers');
      const platform = browsers.detectBrowserPlatform();
      // Chrome for Testing has no Linux ARM build.
      if (!platform || platform === browsers.BrowserPlatform.LINUX_ARM)
        throw new Error(`no Chrome for Testing build for ${process.platform}/${process.arch}`);
      const buildId = await browsers.resolveBuildId(
        browsers.Browser.CHROME,
        platform,
        browsers.BrowserTag.STABLE,
      );
      return { buildId, platform };
    },
    /** That build into the cache (about 170 MB), with progress; resolves to its binary. */
    async download({ buildId, platform }, log) {
      const browsers = await import('@puppeteer/browsers');
      const cacheDir = chromeCacheDir(env);
      log(`downloading Chrome for Testing ${buildId} (${platform}) into ${cacheDir}…`);
      let shown = -1;
      const installed = await browsers.install({
        browser: browsers.Browser.CHROME,
        buildId,
        platform,
        cacheDir,
        downloadProgressCallback: (done, total) => {
          const percent = total ? Math.floor((done / total) * 10) * 10 : 0;
          if (percent > shown) {
            shown = percent;
            log(`  ${percent} % of ${Math.round(total / 1e6)} MB`);
          }
        },
      });
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(join(cacheDir, MARKER), `${installed.executablePath}\n`);
      return installed.executablePath;
    },
    /** Does the binary start? A downloaded Chrome may lack system libraries (libnss3, …). */
    starts(path) {
      const run = spawnSync(path, ['--headless', ...CHROME_FLAGS, '--version'], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      if (run.status === 0) return { ok: true, version: run.stdout.trim() };
      const detail = (run.stderr || run.error?.message || `exit ${run.status}`).trim().split('\n')[0];
      return { ok: false, reason: detail };
    },
    isRoot: () => process.getuid?.() === 0,
    /** Debian or Ubuntu (or a derivative), with apt-get on PATH. */
    debianLike() {
      let release = '';
      try {
        release = readFileSync('/etc/os-release', 'utf8');
      } catch {
        return false;
      }
      const ids = [...release.matchAll(/^(?:ID|ID_LIKE)=["']?([^"'\n]*)/gm)].flatMap((m) =>
        (m[1] ?? '').split(/\s+/),
      );
      return ids.some((id) => id === 'debian' || id === 'ubuntu') && onPath('apt-get', env) !== null;
    },
    /** `apt-get update` then `apt-get install -y chromium`, output shown; resolves to the binary or null. */
    aptInstall() {
      // dpkg wants the sbin dirs on PATH, whatever the caller's PATH is.
      const childEnv = {
        ...env,
        DEBIAN_FRONTEND: 'noninteractive',
        PATH: [env.PATH, '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']
          .filter(Boolean)
          .join(delimiter),
      };
      const apt = (args) =>
        spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env: childEnv });
      const update = apt(['update', '-q']);
      if (update.status !== 0)
        throw new Error(`apt-get update failed (exit ${update.status ?? update.error?.message})`);
      const install = apt(['install', '-y', '-q', 'chromium']);
      if (install.status !== 0)
        throw new Error(
          `apt-get install -y chromium failed (exit ${install.status ?? install.error?.message})`,
        );
      return findInstalledChrome(env) ?? APT_CHROMIUM.find((path) => existsSync(path)) ?? null;
    },
  };
}

const defaultLog = (line) => console.error(`chromium: ${line}`);

/**
 * A Chrome or Chromium binary for the tests, provisioned when there is none (see the top of this file).
 * `probes` replaces the machine (tests); `log` receives one line per step taken.
 */
export async function ensureChrome({
  env = process.env,
  probes = systemProbes(env),
  log = defaultLog,
  timeoutMs = Number(env.CHROME_DOWNLOAD_TIMEOUT ?? 10) * 1000,
} = {}) {
  const installed = fromEnv(env) ?? probes.installed();
  if (installed) return installed;
  const cached = probes.cached();
  if (cached) {
    if (probes.starts(cached).ok) return cached;
    log(`the Chrome for Testing in the cache (${cached}) does not start; looking further.`);
  }

  const tried = [];
  log('no Chrome or Chromium installed; downloading Chrome for Testing for the browser tests.');
  try {
    // The release list answers in well under a second where Google's servers are reachable; a closed
    // network (DNS or a firewall that drops packets) must not hold the tests up for minutes.
    const build = await withTimeout(probes.latestBuild(), timeoutMs, 'the Chrome for Testing release list');
    const downloaded = await probes.download(build, log);
    const run = probes.starts(downloaded);
    if (run.ok) {
      log(`using ${downloaded} (${run.version}).`);
      return downloaded;
    }
    log(`the downloaded Chrome does not start: ${run.reason}`);
    tried.push(`Chrome for Testing was downloaded to ${downloaded} but does not start (${run.reason}).`);
  } catch (error) {
    log(`the download did not work: ${reasonOf(error)}`);
    tried.push(`Downloading Chrome for Testing failed: ${reasonOf(error)}.`);
  }

  if (probes.isRoot() && probes.debianLike()) {
    log("installing Debian's chromium package instead: apt-get update && apt-get install -y chromium…");
    try {
      const path = probes.aptInstall();
      const run = path ? probes.starts(path) : { ok: false, reason: 'no chromium binary after the install' };
      if (path && run.ok) {
        log(`using ${path} (${run.version}).`);
        return path;
      }
      tried.push(`apt-get install -y chromium ran, but ${run.reason}.`);
    } catch (error) {
      tried.push(`${reasonOf(error)}.`);
    }
  } else {
    tried.push(
      probes.isRoot()
        ? 'Not Debian or Ubuntu with apt-get, so no package was installed.'
        : 'Not root, so no package was installed.',
    );
  }
  throw new Error(
    [
      'No Chrome or Chromium for the browser tests.',
      ...tried.map((line) => `  - ${line}`),
      'Install Chrome or Chromium (Debian/Ubuntu: `sudo apt-get install -y chromium`; macOS: install Google Chrome),',
      'or set CHROME_PATH to a Chrome binary, then run the tests again.',
    ].join('\n'),
  );
}

// `node scripts/chromium.mjs`: provision and print the path.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(await ensureChrome());
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
