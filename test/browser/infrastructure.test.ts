import { css, html as litHtml, LitElement } from 'lit';
import { allowConsole, expect, fixture, html, sendKeys } from '../helpers/fixtures.js';

/** A throwaway element: proves TS + legacy decorators + Lit + axe + real keyboard input work here. */
class SmokeField extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  static override properties = { value: { type: String } };

  declare value: string;

  constructor() {
    super();
    this.value = '';
  }

  override render() {
    return litHtml`<label for="i">Name</label>
      <input id="i" .value=${this.value} @input=${(e: Event) => {
        this.value = (e.target as HTMLInputElement).value;
      }} />`;
  }
}
customElements.define('smoke-field', SmokeField);

describe('browser test infrastructure', () => {
  it('renders a Lit element that passes axe', async () => {
    const el = await fixture<SmokeField>(html`<smoke-field></smoke-field>`);
    expect(el.shadowRoot?.querySelector('label')?.textContent).to.equal('Name');
    await expect(el).to.be.accessible();
  });

  it('types with the real keyboard', async () => {
    const el = await fixture<SmokeField>(html`<smoke-field></smoke-field>`);
    el.shadowRoot?.querySelector('input')?.focus();
    await sendKeys({ type: 'abc' });
    expect(el.value).to.equal('abc');
  });

  it('lets a test declare an expected console message', async () => {
    const hits = allowConsole(/expected noise/, 'error');
    console.error('expected noise from the test');
    expect(hits()).to.equal(1);
  });

  it('replaces process.env.NODE_ENV in TypeScript', () => {
    expect(process.env.NODE_ENV).to.equal('development');
  });
});
