// Server-side commands for the browser tests, beyond @web/test-runner-commands (whose
// `emulateMedia` goes through puppeteer's `emulateMediaFeatures`, which refuses `forced-colors`):
//
//   executeServerCommand('emulate-forced-colors', { active: true })  forced-colors: active (or none)
//   executeServerCommand('screenshot', { x, y, width, height })      a PNG of that part of the viewport,
//                                                                     base64 (for pixel measurements)
//
// Both go straight to the page's DevTools protocol. One CDP session per page, kept for the page's life:
// emulation set through a session ends when that session detaches.

/** @type {WeakMap<object, Promise<import('puppeteer-core').CDPSession>>} */
const sessions = new WeakMap();

function cdpFor(page) {
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = page.createCDPSession();
    sessions.set(page, cdp);
  }
  return cdp;
}

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function pageCommandsPlugin() {
  return {
    name: 'personal-settings-page-commands',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-forced-colors' && command !== 'screenshot') return undefined;
      if (session.browser.type !== 'puppeteer') {
        throw new Error(`${command} needs the Chrome launcher (got ${session.browser.type}).`);
      }
      const page = session.browser.getPage(session.id);
      const cdp = await cdpFor(page);
      if (command === 'emulate-forced-colors') {
        const value = payload && typeof payload === 'object' && payload.active ? 'active' : 'none';
        await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value }] });
        return true;
      }
      const { x, y, width, height } = /** @type {Record<string, number>} */ (payload ?? {});
      if (![x, y, width, height].every(Number.isFinite) || width <= 0 || height <= 0) {
        throw new Error('screenshot needs { x, y, width, height } in CSS pixels.');
      }
      const { data } = await cdp.send('Page.captureScreenshot', {
        format: 'png',
        clip: { x, y, width, height, scale: 1 },
        captureBeyondViewport: false,
      });
      return data;
    },
  };
}
