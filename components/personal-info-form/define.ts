/**
 * Registers `<personal-info-form>` and the elements it renders (`<contact-verify-dialog>`,
 * `<session-limit-field>`). Safe to import twice (two bundles on one page): the first definition
 * wins, a different one only warns.
 */
import '../contact-verify-dialog/define.js';
import '../session-limit-field/define.js';
import { defineElement } from '../shared/define.js';
import { PersonalInfoForm } from './personal-info-form.js';

defineElement('personal-info-form', PersonalInfoForm);

declare global {
  interface HTMLElementTagNameMap {
    'personal-info-form': PersonalInfoForm;
  }
}
