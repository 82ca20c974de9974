/**
 * One import for browser tests: the console guard (via ./setup.js), @open-wc/testing's fixture
 * helpers and chai (with axe: `await expect(el).to.be.accessible()`), and real input from
 * @web/test-runner-commands.
 */
import './setup.js';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';

export {
  elementUpdated,
  expect,
  fixture,
  fixtureCleanup,
  html,
  nextFrame,
  oneEvent,
  waitUntil,
} from '@open-wc/testing';
export { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
export { allowConsole, consoleRecords } from './console-guard.js';

/** In a `describe` whose tests resize the page: back to the runner's 800×600 after each test. */
export function restoreViewportAfterEach(): void {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });
}

/** Click the centre of an element (in its shadow root or not) with the real mouse. */
export async function clickOn(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center', inline: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
  });
}

/**
 * Select all the text of the focused field with the keyboard (Control+A), so typing replaces it.
 * (`sendKeys({ press: 'Control+A' })` is not understood by puppeteer: hold the modifier instead.)
 */
export async function selectAllText(): Promise<void> {
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'KeyA' });
  await sendKeys({ up: 'Control' });
}

/**
 * Collect the events of the given types dispatched on `target` from now on. Use it to assert that
 * nothing fired (programmatic changes) or what fired, in order, with which detail.
 */
export function recordEvents(target: EventTarget, ...types: string[]): Event[] {
  const events: Event[] = [];
  for (const type of types) target.addEventListener(type, (event) => events.push(event));
  return events;
}

/** `document.activeElement`, followed through open shadow roots to the focused element. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * A control's accessible name as far as the elements use it: `aria-label` when set, else its text
 * (whitespace collapsed). Enough for the buttons here; not a full accessible-name computation.
 */
export function accessibleName(element: Element): string {
  return element.getAttribute('aria-label') ?? (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}
