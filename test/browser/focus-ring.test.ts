/**
 * The focus indicator of every element, measured (issue #15): a solid outline that reaches ≥ 3:1
 * against the background around it and is kept apart from the control by a gap of background
 * that reaches ≥ 3:1 against the control's own fill — in light, in dark and on primary
 * buttons; checked in computed styles and in the pixels on screen. In forced-colors mode the ring
 * is there in the system `Highlight` colour, and axe still finds nothing.
 */
import '../../components/all.js';
import type { ContactVerifyDialog } from '../../components/contact-verify-dialog/contact-verify-dialog.js';
import type { PersonalInfoForm } from '../../components/personal-info-form/personal-info-form.js';
import {
  backgroundBehind,
  capture,
  contrast,
  emulateForcedColors,
  fillOf,
  parseColor,
  pixel,
  type Rgba,
  systemColor,
} from '../helpers/contrast.js';
import {
  clickOn,
  deepActiveElement,
  expect,
  fixture,
  html,
  sendKeys,
  waitUntil,
} from '../helpers/fixtures.js';
import { loginAs, useMockApi } from '../helpers/mock-api.js';

const MIN = 3;

async function form(scheme: 'light' | 'dark'): Promise<PersonalInfoForm> {
  // A host page in that scheme (its canvas colour behind the form, as a dark console has).
  const page =
    await fixture<HTMLElement>(html`<div style="color-scheme: ${scheme}; background: Canvas; padding: 16px">
    <personal-info-form endpoint="/api/v1"></personal-info-form>
  </div>`);
  const el = page.querySelector<PersonalInfoForm>('personal-info-form')!;
  await waitUntil(() => el.personalInfo !== null, 'the form did not load', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

/** Focus a control with the keyboard (Tab from the one before it), so `:focus-visible` applies as for a user. */
async function tabTo(target: HTMLElement): Promise<void> {
  for (let i = 0; i < 40 && deepActiveElement() !== target; i++) await sendKeys({ press: 'Tab' });
  expect(deepActiveElement(), 'reached by Tab').to.equal(target);
  await new Promise(requestAnimationFrame);
}

interface Ring {
  /** The outline's colour. */
  ring: Rgba;
  /** The colour between the control and the outline (the offset), or the control itself when none. */
  inner: Rgba;
  /** What is around the ring. */
  outside: Rgba;
  /** The control's own fill. */
  fill: Rgba;
}

/** The focus ring of a focused element, from its computed style. */
function ringOf(target: Element): Ring {
  const style = getComputedStyle(target);
  expect(style.outlineStyle, 'a solid outline').to.equal('solid');
  expect(Number.parseFloat(style.outlineWidth), 'outline width').to.be.at.least(2);
  const outside = backgroundBehind(target);
  const fill = fillOf(target);
  const offset = Number.parseFloat(style.outlineOffset);
  // With an offset, what lies between control and outline: the box-shadow ring when there is one
  // (spread ≥ the offset), else whatever is behind the control.
  let inner = fill;
  if (offset > 0) {
    const shadow = /^(rgba?\([^)]*\)|color\([^)]*\)) 0px 0px 0px (\d+(?:\.\d+)?)px/.exec(style.boxShadow);
    inner = shadow && Number(shadow[2]) >= offset ? parseColor(shadow[1]!) : outside;
  }
  return { ring: parseColor(style.outlineColor), inner, outside, fill };
}

function expectRing(target: Element, what: string): Ring {
  const r = ringOf(target);
  expect(contrast(r.ring, r.outside), `${what}: ring against the background`).to.be.at.least(MIN);
  expect(contrast(r.ring, r.inner), `${what}: ring against what is inside it`).to.be.at.least(MIN);
  // The indicator is told from the control: either the ring itself, or the gap, stands out from its fill.
  expect(
    Math.max(contrast(r.inner, r.fill), contrast(r.ring, r.fill)),
    `${what}: indicator against the control`,
  ).to.be.at.least(MIN);
  return r;
}

/**
 * The pixels: at the middle of each side of the control, across the band where the 2 px outline is
 * drawn 2 px out (1–6 px from the box, for sub-pixel positions), the focused picture against the
 * unfocused one changes by ≥ 3:1 somewhere.
 */
async function expectRingPixels(target: HTMLElement, what: string): Promise<void> {
  const box = target.getBoundingClientRect();
  const margin = 10;
  const area = {
    x: box.left - margin,
    y: box.top - margin,
    width: box.width + 2 * margin,
    height: box.height + 2 * margin,
  };
  const focused = await capture(area);
  target.blur();
  await new Promise(requestAnimationFrame);
  const unfocused = await capture(area);
  // Capture coordinates of a point given relative to the control's box.
  const x0 = box.left - Math.max(0, Math.floor(area.x));
  const y0 = box.top - Math.max(0, Math.floor(area.y));
  const sides: Record<string, (d: number) => [number, number]> = {
    top: (d) => [x0 + box.width / 2, y0 - d],
    bottom: (d) => [x0 + box.width / 2, y0 + box.height + d - 1],
    left: (d) => [x0 - d, y0 + box.height / 2],
    right: (d) => [x0 + box.width + d - 1, y0 + box.height / 2],
  };
  for (const [side, at] of Object.entries(sides)) {
    let best = 1;
    for (let d = 1; d <= 6; d++) {
      const [x, y] = at(d);
      best = Math.max(best, contrast(pixel(focused, x, y), pixel(unfocused, x, y)));
    }
    expect(best, `${what}: the ${side} side changes by ${best.toFixed(2)}:1`).to.be.at.least(MIN);
  }
}

/** A mobile dialog in `mode`, opened by a click on a button before it (as a user opens it). */
async function openedByClick(
  mode: 'edit' | 'verify',
): Promise<{ dialog: ContactVerifyDialog; root: ShadowRoot }> {
  const wrapper = await fixture<HTMLElement>(html`<div>
    <button id="opener">Open</button>
    <contact-verify-dialog kind="mobile" mode=${mode} endpoint="/api/v1" locale="en"></contact-verify-dialog>
  </div>`);
  const dialog = wrapper.querySelector<ContactVerifyDialog>('contact-verify-dialog')!;
  wrapper.querySelector('#opener')!.addEventListener('click', () => void dialog.show());
  await clickOn(wrapper.querySelector('#opener')!);
  return { dialog, root: dialog.shadowRoot! };
}

describe('focus ring', function () {
  this.timeout(30_000);
  useMockApi();

  afterEach(async () => {
    await emulateForcedColors(false);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`reaches 3:1 on controls, buttons and primary buttons (${scheme})`, async () => {
      await loginAs('admin');
      const el = await form(scheme);
      const root = el.shadowRoot!;
      const edit = root.querySelector<HTMLButtonElement>('#mobile-edit')!;
      const select = root.querySelector<HTMLSelectElement>('#auto-logout')!;
      const save = root.querySelector<HTMLButtonElement>('#auto-logout-save')!;
      const field = root.querySelector('session-limit-field')!;
      const checkbox = field.shadowRoot!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
      await clickOn(el.shadowRoot!.querySelector('[part~="label"]')!);
      for (const [target, what] of [
        [edit, 'Edit button'],
        [select, 'select'],
        [save, 'unavailable Save button'],
        [checkbox, 'checkbox'],
      ] as const) {
        await tabTo(target);
        expectRing(target, `${what} (${scheme})`);
        await expectRingPixels(target, `${what} (${scheme})`);
      }
      // A primary button that can be pressed: its fill is the accent (the ring's colour by default);
      // the gap of background keeps the two apart.
      await tabTo(select);
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(save.getAttribute('aria-disabled')).to.equal('false');
      await tabTo(save);
      const r = expectRing(save, `primary Save button (${scheme})`);
      expect(contrast(r.inner, r.fill), 'gap against the primary fill').to.be.at.least(MIN);
      await expectRingPixels(save, `primary Save button (${scheme})`);
    });
  }

  it('shows the ring on the code box the next digit goes into', async () => {
    await loginAs('operator');
    const { dialog, root } = await openedByClick('verify');
    const send = () =>
      [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Send code');
    await waitUntil(() => send(), 'no Send code', { timeout: 8000 });
    await clickOn(send()!);
    const input = await waitUntil(
      () => root.querySelector('input[autocomplete="one-time-code"]'),
      'no code field',
      {
        timeout: 8000,
      },
    ).then(() => root.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]')!);
    await waitUntil(() => deepActiveElement() === input, 'the code field has focus');
    await sendKeys({ type: '12' });
    await dialog.updateComplete;
    // The boxes drawn over the field: the third, where the next digit goes, carries the ring; no other.
    const boxes = [...root.querySelectorAll<HTMLElement>('[part~="code-input"] [aria-hidden="true"] > *')];
    expect(boxes).to.have.length(6);
    const ringed = boxes.filter((b) => getComputedStyle(b).outlineStyle !== 'none');
    expect(ringed.map((b) => boxes.indexOf(b))).to.deep.equal([2]);
    expectRing(ringed[0]!, 'active code box');
  });

  it('is there in forced-colors mode, in the system Highlight colour, and axe finds nothing', async () => {
    await loginAs('admin');
    const el = await form('light');
    await emulateForcedColors(true);
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const root = el.shadowRoot!;
    const highlight = systemColor('Highlight');
    await clickOn(root.querySelector('[part~="label"]')!);
    for (const target of [
      root.querySelector<HTMLButtonElement>('#mobile-edit')!,
      root.querySelector<HTMLSelectElement>('#auto-logout')!,
      root.querySelector<HTMLButtonElement>('#auto-logout-save')!,
    ]) {
      await tabTo(target);
      const style = getComputedStyle(target);
      expect(style.outlineStyle).to.equal('solid');
      expect(Number.parseFloat(style.outlineWidth)).to.be.at.least(2);
      expect(parseColor(style.outlineColor).slice(0, 3)).to.deep.equal(highlight.slice(0, 3));
      expect(contrast(parseColor(style.outlineColor), systemColor('Canvas'))).to.be.at.least(MIN);
    }
    await expect(el).to.be.accessible();
  });

  it('keeps the dialog accessible in forced-colors mode', async () => {
    await loginAs('admin');
    await emulateForcedColors(true);
    const { dialog, root } = await openedByClick('edit');
    const password = await waitUntil(() => root.querySelector('#password'), 'no password field', {
      timeout: 8000,
    }).then(() => root.querySelector<HTMLInputElement>('#password')!);
    await waitUntil(() => deepActiveElement() === password, 'the password field has focus');
    await sendKeys({ press: 'Shift' });
    const style = getComputedStyle(password);
    expect(style.outlineStyle).to.equal('solid');
    expect(parseColor(style.outlineColor).slice(0, 3)).to.deep.equal(systemColor('Highlight').slice(0, 3));
    await expect(dialog).to.be.accessible();
  });
});
