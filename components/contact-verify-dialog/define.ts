/**
 * Registers `<contact-verify-dialog>` (safe to import twice: the first definition wins). Importing it
 * also types the tag and its events (`addEventListener('contact-verify-confirmed', (e) => e.detail)`).
 */
import { defineElement } from '../shared/define.js';
import type { ContactVerifyDialogEventMap } from './contact-verify-dialog.events.js';
import { ContactVerifyDialog } from './contact-verify-dialog.js';

defineElement('contact-verify-dialog', ContactVerifyDialog);

declare global {
  interface HTMLElementTagNameMap {
    'contact-verify-dialog': ContactVerifyDialog;
  }
  interface HTMLElementEventMap extends ContactVerifyDialogEventMap {}
}

export { ContactVerifyDialog };
export type { ContactVerifyDialogEventMap };
