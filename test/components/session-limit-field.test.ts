import '../../components/session-limit-field/define.js';
import type { SessionLimit } from '../../components/api/contract/index.js';
import type { SessionLimitField } from '../../components/session-limit-field/session-limit-field.js';
import type { SessionLimitEventDetail } from '../../components/session-limit-field/session-limit-field.events.js';
import { parseSessionLimit } from '../../components/session-limit-field/session-limit-value.js';
import {
  clickOn,
  deepActiveElement,
  expect,
  fixture,
  html,
  recordEvents,
  selectAllText,
  sendKeys,
} from '../helpers/fixtures.js';
import { formControlSuite } from '../helpers/form-control-suite.js';

// --- finding what a user sees: controls by their label text, visible text ---------------------

function root(el: SessionLimitField): ShadowRoot {
  const shadow = el.shadowRoot;
  if (!shadow) throw new Error('no shadow root');
  return shadow;
}

/** The control a `<label>` with this exact text points at. */
function control(el: SessionLimitField, labelText: string): HTMLInputElement {
  const label = [...root(el).querySelectorAll('label')].find((l) => l.textContent?.trim() === labelText);
  const input = label ? (root(el).getElementById(label.htmlFor) as HTMLInputElement | null) : null;
  if (!input) throw new Error(`No control labelled "${labelText}"`);
  return input;
}

function maybeControl(el: SessionLimitField, labelText: string): HTMLInputElement | null {
  try {
    return control(el, labelText);
  } catch {
    return null;
  }
}

const checkbox = (el: SessionLimitField) => control(el, 'Max. Online Sessions');
const maxInput = (el: SessionLimitField) => control(el, 'Maximum sessions');
const denyRadio = (el: SessionLimitField) => control(el, 'Not allowed');
const logOutRadio = (el: SessionLimitField) => control(el, 'Log out of the session');

/** Visible text of the field, whitespace collapsed. */
function text(el: SessionLimitField): string {
  const parts: string[] = [];
  const walker = document.createTreeWalker(root(el), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && getComputedStyle(parent).display !== 'none') parts.push(node.textContent ?? '');
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The texts an element's aria-describedby points at. */
function description(el: SessionLimitField, control: HTMLElement): string {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids
    .map((id) => root(el).getElementById(id)?.textContent?.trim() ?? '')
    .filter(Boolean)
    .join(' | ');
}

function details(events: Event[]): Array<{ type: string } & SessionLimitEventDetail> {
  return events.map((e) => ({ type: e.type, ...(e as Event & { detail: SessionLimitEventDetail }).detail }));
}

async function field(value?: SessionLimit | null): Promise<SessionLimitField> {
  const el =
    value === undefined
      ? await fixture<SessionLimitField>(html`<session-limit-field name="limit"></session-limit-field>`)
      : await fixture<SessionLimitField>(
          html`<session-limit-field name="limit" .value=${value}></session-limit-field>`,
        );
  await el.updateComplete;
  return el;
}

/** Select what the number input holds and type over it, with the real keyboard. */
async function typeMax(el: SessionLimitField, keys: string) {
  maxInput(el).focus();
  await selectAllText();
  if (keys === '') await sendKeys({ press: 'Backspace' });
  else await sendKeys({ type: keys });
  await el.updateComplete;
}

async function blur(el: SessionLimitField) {
  await sendKeys({ press: 'Tab' });
  await el.updateComplete;
}

// --- the standard form-control behaviours --------------------------------------------------

formControlSuite<SessionLimitField>({
  tag: 'session-limit-field',
  defaultFormValue: 'unlimited',
  setValue: (el) => {
    el.value = { max: 3, policy: 'deny' };
  },
  changedFormValue: '3;deny',
  changeByUser: async (el) => {
    await clickOn(checkbox(el));
    await el.updateComplete;
  },
  makeInvalid: (el) => {
    el.value = { max: 501, policy: 'deny' };
  },
  invalidFlag: 'rangeOverflow',
});

describe('<session-limit-field>', () => {
  describe('unlimited (the default)', () => {
    it('starts unchecked, unlimited, and says so', async () => {
      const el = await field();
      expect(el.value).to.equal(null);
      expect(checkbox(el).checked).to.equal(false);
      expect(maybeControl(el, 'Maximum sessions')).to.equal(null);
      expect(text(el)).to.contain('no limit on the number of online sessions');
      expect(description(el, checkbox(el))).to.contain('no limit');
      expect(el.matches(':state(unlimited)')).to.equal(true);
      expect(el.matches(':state(invalid)')).to.equal(false);
      await expect(el).to.be.accessible();
    });
  });

  describe('turned on', () => {
    it('defaults to 1 and Not allowed, with input and change from the click', async () => {
      const el = await field();
      const events = recordEvents(el, 'input', 'change');
      await clickOn(checkbox(el));
      await el.updateComplete;
      expect(el.value).to.deep.equal({ max: 1, policy: 'deny' });
      expect(maxInput(el).value).to.equal('1');
      expect(denyRadio(el).checked).to.equal(true);
      expect(denyRadio(el).disabled).to.equal(false);
      expect(logOutRadio(el).disabled).to.equal(false);
      expect(el.matches(':state(unlimited)')).to.equal(false);
      const value = { max: 1, policy: 'deny' };
      expect(details(events)).to.deep.equal([
        { type: 'input', value, valid: true },
        { type: 'change', value, valid: true },
      ]);
      expect(events.every((e) => e.bubbles && e.composed && !e.cancelable)).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('at 1 lets the user choose Log out of the session', async () => {
      const el = await field({ max: 1, policy: 'deny' });
      const events = recordEvents(el, 'input', 'change');
      await clickOn(logOutRadio(el));
      await el.updateComplete;
      expect(el.value).to.deep.equal({ max: 1, policy: 'log-out' });
      expect(logOutRadio(el).checked).to.equal(true);
      expect(text(el)).to.contain('The least recently active session ends');
      expect(details(events).map((e) => [e.type, e.value?.policy])).to.deep.equal([
        ['input', 'log-out'],
        ['change', 'log-out'],
      ]);
      await expect(el).to.be.accessible();
    });

    it('at 1 with Not allowed is accessible', async () => {
      const el = await field({ max: 1, policy: 'deny' });
      expect(denyRadio(el).checked).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('at 2–500 forces Not allowed, shown disabled with the reason', async () => {
      const el = await field({ max: 1, policy: 'log-out' });
      const events = recordEvents(el, 'input', 'change');
      await typeMax(el, '25');
      expect(el.value).to.deep.equal({ max: 25, policy: 'deny' });
      expect(denyRadio(el).checked).to.equal(true);
      expect(denyRadio(el).disabled).to.equal(true);
      expect(logOutRadio(el).disabled).to.equal(true);
      const reason = 'Only “Not allowed” is possible when more than 1 session is allowed.';
      expect(text(el)).to.contain(reason);
      expect(description(el, maxInput(el))).to.contain(reason);
      // one input per keystroke (2, then 25), no change until the number is committed
      expect(details(events).map((e) => [e.type, e.value])).to.deep.equal([
        ['input', { max: 2, policy: 'deny' }],
        ['input', { max: 25, policy: 'deny' }],
      ]);
      await blur(el);
      expect(details(events).at(-1)).to.deep.equal({
        type: 'change',
        value: { max: 25, policy: 'deny' },
        valid: true,
      });
      await expect(el).to.be.accessible();
    });

    it('back at 1 the choice is open again', async () => {
      const el = await field({ max: 12, policy: 'deny' });
      expect(logOutRadio(el).disabled).to.equal(true);
      await typeMax(el, '1');
      expect(logOutRadio(el).disabled).to.equal(false);
      await clickOn(logOutRadio(el));
      await el.updateComplete;
      expect(el.value).to.deep.equal({ max: 1, policy: 'log-out' });
    });

    it('accepts 500 and turns off again to unlimited', async () => {
      const el = await field({ max: 1, policy: 'deny' });
      await typeMax(el, '500');
      expect(el.value).to.deep.equal({ max: 500, policy: 'deny' });
      expect(el.validity.valid).to.equal(true);
      await blur(el);
      const events = recordEvents(el, 'input', 'change');
      await clickOn(checkbox(el));
      await el.updateComplete;
      expect(el.value).to.equal(null);
      expect(details(events)).to.deep.equal([
        { type: 'input', value: null, valid: true },
        { type: 'change', value: null, valid: true },
      ]);
      expect(el.matches(':state(unlimited)')).to.equal(true);
    });
  });

  describe('keyboard only', () => {
    it('turns on, sets 1 with Log out of the session, and steps with the arrow keys', async () => {
      const el = await field();
      const events = recordEvents(el, 'input', 'change');
      /** A key, then the field's update. */
      const press = async (key: string) => {
        await sendKeys({ press: key });
        await el.updateComplete;
      };
      el.focus();
      expect(deepActiveElement()).to.equal(checkbox(el));
      await press('Space');
      expect(el.value).to.deep.equal({ max: 1, policy: 'deny' });

      await press('Tab');
      expect(deepActiveElement()).to.equal(maxInput(el));
      await press('ArrowUp');
      expect(el.value).to.deep.equal({ max: 2, policy: 'deny' });
      expect(logOutRadio(el).disabled).to.equal(true);
      await press('ArrowDown');
      expect(el.value).to.deep.equal({ max: 1, policy: 'deny' });

      await press('Tab');
      expect(deepActiveElement()).to.equal(denyRadio(el));
      await press('ArrowDown');
      expect(deepActiveElement()).to.equal(logOutRadio(el));
      expect(el.value).to.deep.equal({ max: 1, policy: 'log-out' });
      expect(events.filter((e) => e.type === 'change').length).to.be.greaterThanOrEqual(3);
      expect(details(events).at(-1)).to.deep.equal({
        type: 'change',
        value: { max: 1, policy: 'log-out' },
        valid: true,
      });
    });

    it('submits the owning form with Enter in the number', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form><session-limit-field name="limit" .value=${{ max: 4, policy: 'deny' }}></session-limit-field></form>`,
      );
      const el = form.querySelector('session-limit-field') as SessionLimitField;
      await el.updateComplete;
      let submitted: string[] | null = null;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        submitted = new FormData(form).getAll('limit') as string[];
      });
      await typeMax(el, '7');
      await sendKeys({ press: 'Enter' });
      expect(submitted).to.deep.equal(['7;deny']);
    });
  });

  describe('validity', () => {
    // [typed, what, flag, message, the last valid value (from an earlier keystroke, or the start)]
    const cases: Array<[string, string, keyof ValidityState, string, number]> = [
      ['501', 'above 500', 'rangeOverflow', 'Enter a number no larger than 500.', 50],
      ['0', 'below 1', 'rangeUnderflow', 'Enter a number no smaller than 1.', 3],
      ['2.5', 'not a whole number', 'stepMismatch', 'Enter a whole number.', 2],
      ['', 'empty', 'valueMissing', 'Enter the maximum number of online sessions, from 1 to 500.', 3],
      ['e', 'not a number', 'badInput', 'Enter a number from 1 to 500.', 3],
    ];
    for (const [typed, what, flag, message, lastValid] of cases) {
      it(`flags ${what} (${flag}) on the number, keeping the last valid value`, async () => {
        const el = await field({ max: 3, policy: 'deny' });
        await typeMax(el, typed);
        expect(el.validity[flag]).to.equal(true);
        expect(el.validationMessage).to.equal(message);
        expect(el.value).to.deep.equal({ max: lastValid, policy: 'deny' });
        expect(el.matches(':state(invalid)')).to.equal(true);
        // shown once the number is committed
        await blur(el);
        expect(text(el)).to.contain(message);
        expect(maxInput(el).getAttribute('aria-invalid')).to.equal('true');
        expect(description(el, maxInput(el))).to.contain(message);
        await expect(el).to.be.accessible();
      });
    }

    it('reports the error on the number when a form submit fails', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form><session-limit-field name="limit" .value=${{ max: 600, policy: 'deny' }}></session-limit-field></form>`,
      );
      const el = form.querySelector('session-limit-field') as SessionLimitField;
      await el.updateComplete;
      expect(text(el)).not.to.contain('no larger than');
      form.requestSubmit();
      await el.updateComplete;
      expect(text(el)).to.contain('Enter a number no larger than 500.');
      expect(deepActiveElement()).to.equal(maxInput(el));
    });

    it('required: unlimited is missing', async () => {
      const el = await fixture<SessionLimitField>(html`<session-limit-field required></session-limit-field>`);
      await el.updateComplete;
      expect(el.validity.valueMissing).to.equal(true);
      expect(el.reportValidity()).to.equal(false);
      await el.updateComplete;
      expect(description(el, checkbox(el))).to.contain('Select Max. Online Sessions');
      await clickOn(checkbox(el));
      await el.updateComplete;
      expect(el.validity.valid).to.equal(true);
    });
  });

  describe('programmatic value', () => {
    it('renders a value set by the host, without events', async () => {
      const el = await field();
      const events = recordEvents(el, 'input', 'change');
      el.value = { max: 1, policy: 'log-out' };
      await el.updateComplete;
      expect(checkbox(el).checked).to.equal(true);
      expect(maxInput(el).value).to.equal('1');
      expect(logOutRadio(el).checked).to.equal(true);
      el.value = { max: 40, policy: 'deny' };
      await el.updateComplete;
      expect(maxInput(el).value).to.equal('40');
      el.value = null;
      await el.updateComplete;
      expect(checkbox(el).checked).to.equal(false);
      expect(events).to.deep.equal([]);
    });

    it('normalizes log-out above 1 to deny', async () => {
      const el = await field({ max: 3, policy: 'log-out' });
      expect(el.value).to.deep.equal({ max: 3, policy: 'deny' });
    });

    it('does not disturb typing when the host sets back the value it read', async () => {
      const el = await field({ max: 3, policy: 'deny' });
      await typeMax(el, '501');
      const read = el.value;
      expect(read).to.deep.equal({ max: 50, policy: 'deny' });
      el.value = read === null ? null : { ...read };
      await el.updateComplete;
      expect(maxInput(el).value).to.equal('501');
      expect(el.validity.rangeOverflow).to.equal(true);
    });

    it('takes a value set before the element was defined', async () => {
      const wrapper = await fixture<HTMLElement>(html`<div></div>`);
      const early = document.createElement('session-limit-field-late') as HTMLElement & { value: unknown };
      early.value = { max: 9, policy: 'deny' };
      wrapper.append(early);
      const { SessionLimitField: Field } = await import(
        '../../components/session-limit-field/session-limit-field.js'
      );
      customElements.define('session-limit-field-late', class extends Field {});
      const late = early as unknown as SessionLimitField;
      await late.updateComplete;
      expect(late.value).to.deep.equal({ max: 9, policy: 'deny' });
      expect(maxInput(late).value).to.equal('9');
    });

    it('starts from default-value, and a reset returns to it', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form><session-limit-field name="limit" default-value="1;log-out"></session-limit-field></form>`,
      );
      const el = form.querySelector('session-limit-field') as SessionLimitField;
      await el.updateComplete;
      expect(el.value).to.deep.equal({ max: 1, policy: 'log-out' });
      await typeMax(el, '8');
      expect(new FormData(form).get('limit')).to.equal('8;deny');
      form.reset();
      await el.updateComplete;
      expect(el.value).to.deep.equal({ max: 1, policy: 'log-out' });
      expect(maxInput(el).value).to.equal('1');
      expect(new FormData(form).get('limit')).to.equal('1;log-out');
    });

    it('resets to the value it had when first connected', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form><session-limit-field name="limit" .value=${{ max: 6, policy: 'deny' }}></session-limit-field></form>`,
      );
      const el = form.querySelector('session-limit-field') as SessionLimitField;
      await el.updateComplete;
      await clickOn(checkbox(el));
      expect(el.value).to.equal(null);
      form.reset();
      await el.updateComplete;
      expect(el.value).to.deep.equal({ max: 6, policy: 'deny' });
    });
  });

  describe('state restore', () => {
    it('restores the state the browser saved (back/forward, autocomplete)', async () => {
      const el = await field();
      const events = recordEvents(el, 'input', 'change');
      el.formStateRestoreCallback('1;log-out', 'restore');
      await el.updateComplete;
      expect(el.value).to.deep.equal({ max: 1, policy: 'log-out' });
      expect(logOutRadio(el).checked).to.equal(true);
      el.formStateRestoreCallback('unlimited', 'restore');
      await el.updateComplete;
      expect(el.value).to.equal(null);
      expect(events).to.deep.equal([]);
    });
  });

  describe('form value syntax', () => {
    it('round-trips through parseSessionLimit', () => {
      expect(parseSessionLimit('unlimited')).to.equal(null);
      expect(parseSessionLimit('3;deny')).to.deep.equal({ max: 3, policy: 'deny' });
      expect(parseSessionLimit('1;log-out')).to.deep.equal({ max: 1, policy: 'log-out' });
      expect(parseSessionLimit('7')).to.deep.equal({ max: 7, policy: 'deny' });
      for (const bad of ['2;log-out', '0', '501', '1.5', 'x', '3;maybe', ''])
        expect(parseSessionLimit(bad), bad).to.equal(undefined);
    });
  });

  describe('disabled', () => {
    it('disables every control and stays accessible', async () => {
      const el = await fixture<SessionLimitField>(
        html`<session-limit-field disabled .value=${{ max: 1, policy: 'deny' }}></session-limit-field>`,
      );
      await el.updateComplete;
      expect(checkbox(el).disabled).to.equal(true);
      expect(maxInput(el).disabled).to.equal(true);
      expect(denyRadio(el).disabled).to.equal(true);
      expect(logOutRadio(el).disabled).to.equal(true);
      const events = recordEvents(el, 'input', 'change');
      await clickOn(checkbox(el));
      expect(events).to.deep.equal([]);
      expect(el.value).to.deep.equal({ max: 1, policy: 'deny' });
      await expect(el).to.be.accessible();
    });
  });

  describe('server error', () => {
    it('shows the error on the field until the user changes it', async () => {
      const el = await field({ max: 1, policy: 'log-out' });
      el.error = 'The maximum is not accepted for this account.';
      await el.updateComplete;
      expect(text(el)).to.contain('The maximum is not accepted for this account.');
      expect(description(el, maxInput(el))).to.contain('The maximum is not accepted for this account.');
      expect(maxInput(el).getAttribute('aria-invalid')).to.equal('true');
      expect(el.validity.customError).to.equal(true);
      expect(el.matches(':state(invalid)')).to.equal(true);
      await expect(el).to.be.accessible();

      await clickOn(denyRadio(el));
      await el.updateComplete;
      expect(el.error).to.equal('');
      expect(text(el)).not.to.contain('not accepted');
      expect(el.validity.valid).to.equal(true);
    });

    it('takes the error attribute', async () => {
      const el = await fixture<SessionLimitField>(
        html`<session-limit-field error="Refused."></session-limit-field>`,
      );
      await el.updateComplete;
      expect(text(el)).to.contain('Refused.');
      expect(description(el, checkbox(el))).to.contain('Refused.');
      await expect(el).to.be.accessible();
    });
  });

  describe('zh-CN', () => {
    const english = /[A-Za-z]{2,}/;

    it('renders no English in any state', async () => {
      const wrapper = await fixture<HTMLElement>(
        html`<div lang="zh-CN"><session-limit-field name="limit"></session-limit-field></div>`,
      );
      const el = wrapper.querySelector('session-limit-field') as SessionLimitField;
      await el.updateComplete;
      const states: Array<SessionLimit | null> = [
        null,
        { max: 1, policy: 'log-out' },
        { max: 30, policy: 'deny' },
      ];
      for (const value of states) {
        el.value = value;
        await el.updateComplete;
        expect(text(el), JSON.stringify(value)).not.to.match(english);
        expect(text(el)).to.contain('最大在线会话数');
      }
      el.value = { max: 700, policy: 'deny' };
      await el.updateComplete;
      expect(el.validationMessage).to.equal('请输入不大于 500 的数字。');
      expect(el.validationMessage).not.to.match(english);
      await expect(el).to.be.accessible();
    });

    it('follows its locale attribute', async () => {
      const el = await fixture<SessionLimitField>(
        html`<session-limit-field locale="zh-CN" .value=${{ max: 2, policy: 'deny' }}></session-limit-field>`,
      );
      await el.updateComplete;
      expect(text(el)).to.contain('只能选择“不允许”');
      expect(text(el)).not.to.match(english);
    });
  });

  describe('right to left', () => {
    it('lays out from the right in an rtl page', async () => {
      const wrapper = await fixture<HTMLElement>(
        html`<div dir="rtl"><session-limit-field .value=${{ max: 1, policy: 'deny' }}></session-limit-field></div>`,
      );
      const el = wrapper.querySelector('session-limit-field') as SessionLimitField;
      await el.updateComplete;
      const box = checkbox(el).getBoundingClientRect();
      const labelBox = (
        root(el).querySelector('label[for="enabled"]') as HTMLElement
      ).getBoundingClientRect();
      expect(box.left).to.be.greaterThan(labelBox.left);
      await expect(el).to.be.accessible();
    });
  });
});
