/**
 * Registers every element — `<personal-info-form>`, `<contact-verify-dialog>`,
 * `<session-limit-field>` — and re-exports the side-effect-free API. The only barrel with a side
 * effect; safe to load twice (the first definition of a tag wins).
 * @module
 */
import './contact-verify-dialog/define.js';
import './session-limit-field/define.js';
import { PersonalInfoForm } from './personal-info-form/personal-info-form.js';
import { defineElement } from './shared/define.js';

// The form is registered here rather than through `./personal-info-form/define.js`, which teaches it
// to import() the dialog on first use: the dialog is defined just above, and a bundler gives an
// import() target a file of its own even on a page that imports it statically (issue #17: 1.5 KB).
defineElement('personal-info-form', PersonalInfoForm);

export * from './index.js';
// Types the tag and its events, as the form's define.js does (a type: nothing of it is loaded).
export type { PersonalInfoFormEventMap } from './personal-info-form/define.js';
