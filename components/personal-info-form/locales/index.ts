import type { ElementCatalogs } from '../../shared/localize.js';
import en from './en.js';

/** This element's strings: English eagerly, Simplified Chinese as a lazy chunk (registered by the element on first use). */
export const personalInfoCatalogs: ElementCatalogs = {
  en,
  'zh-CN': () => import('./zh-CN.js').then((m) => m.default),
};
