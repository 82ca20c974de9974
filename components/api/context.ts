import { createContext } from '@lit/context';
import type { ApiClient } from './client.js';

/** `@lit/context` key: `<personal-info-form>` provides its client to the elements inside it. */
export const apiClientContext = createContext<ApiClient | undefined>(
  Symbol.for('personal-settings.api-client'),
);
