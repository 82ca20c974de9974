/**
 * Registers every element — `<personal-info-form>`, `<contact-verify-dialog>`,
 * `<session-limit-field>` — and re-exports the side-effect-free API. The only barrel with a side
 * effect; safe to load twice (the first definition of a tag wins).
 * @module
 */
import './contact-verify-dialog/define.js';
import './personal-info-form/define.js';
import './session-limit-field/define.js';

export * from './index.js';
