// The one Chromium lookup and launch-flag list for every browser test, bench and smoke run.
import { existsSync } from 'node:fs';

export const CHROME_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

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

/** `$CHROME_PATH`, then the usual install paths; a clear install hint when none exists. */
export function findChrome() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to "${fromEnv}", but no file exists there.`);
  }
  const found = CHROME_CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  throw new Error(
    [
      'No Chrome or Chromium found.',
      `Looked at $CHROME_PATH and ${CHROME_CANDIDATES.join(', ')}.`,
      'Install one (Debian/Ubuntu: `apt-get install -y chromium`) or set CHROME_PATH to a Chrome binary.',
    ].join('\n'),
  );
}
