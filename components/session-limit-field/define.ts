import { defineElement } from '../shared/define.js';
import { SessionLimitField } from './session-limit-field.js';

export { SessionLimitField };

defineElement('session-limit-field', SessionLimitField);

declare global {
  interface HTMLElementTagNameMap {
    'session-limit-field': SessionLimitField;
  }
}
