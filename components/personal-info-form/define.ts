/**
 * Registers `<personal-info-form>` and `<session-limit-field>` it renders. `<contact-verify-dialog>`
 * is imported on first use (Edit / Verify / Add / Enter code), so a page that shows the form does
 * not download the dialog, the phone metadata or its strings until the user asks for them. Safe to
 * import twice (two bundles on one page): the first definition wins, a different one only warns.
 *
 * Importing it also types the tag (`document.querySelector('personal-info-form')`) and its events
 * (`addEventListener('personal-info-saved', (e) => e.detail.changed)`).
 */
import '../session-limit-field/define.js';
import { defineElement } from '../shared/define.js';
import { lazyContactDialog } from './contact-dialog.js';
import type { PersonalInfoFormEventMap } from './personal-info-form.events.js';
import { PersonalInfoForm } from './personal-info-form.js';

defineElement('personal-info-form', PersonalInfoForm);
// Here, not in the form's class: `all.ts` and `react.ts` define the dialog up front instead.
lazyContactDialog(() => import('../contact-verify-dialog/define.js'));

declare global {
  interface HTMLElementTagNameMap {
    'personal-info-form': PersonalInfoForm;
  }
  interface HTMLElementEventMap extends PersonalInfoFormEventMap {}
}

export { PersonalInfoForm };
export type { PersonalInfoFormEventMap };
