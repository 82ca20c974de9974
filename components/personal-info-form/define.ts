/**
 * Registers `<personal-info-form>` and `<session-limit-field>` it renders. `<contact-verify-dialog>`
 * is imported on first use (Edit / Verify / Add), so a page that shows the form does not download
 * the dialog, the phone metadata or its strings until the user asks for them. Safe to import twice
 * (two bundles on one page): the first definition wins, a different one only warns.
 */
import '../session-limit-field/define.js';
import { defineElement } from '../shared/define.js';
import { PersonalInfoForm } from './personal-info-form.js';

defineElement('personal-info-form', PersonalInfoForm);

declare global {
  interface HTMLElementTagNameMap {
    'personal-info-form': PersonalInfoForm;
  }
}
