import { defineElement } from '../shared/define.js';
import { ContactVerifyDialog } from './contact-verify-dialog.js';

defineElement('contact-verify-dialog', ContactVerifyDialog);

declare global {
  interface HTMLElementTagNameMap {
    'contact-verify-dialog': ContactVerifyDialog;
  }
}

export { ContactVerifyDialog };
