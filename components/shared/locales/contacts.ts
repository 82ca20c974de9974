import type { Catalog, ElementCatalogs } from '../localize.js';

/** The shared words a screen shows before any problem: what a contact is called. */
export const contactWords: Catalog = {
  'contact.mobile': 'mobile number',
  'contact.email': 'email address',
  'time.later': 'later',
};

/**
 * For an element that shows contacts at once but problem words only after a failure (every element
 * that shows problems): the contact names in English now, and the shared zh-CN catalog (which has
 * them too) when that locale is used. The English problem words come later (`problem-words.ts`).
 */
export const contactCatalogs: ElementCatalogs = {
  en: contactWords,
  'zh-CN': () => import('./zh-CN.js').then((m) => m.default),
};
