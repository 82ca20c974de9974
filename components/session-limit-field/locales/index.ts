import { registerCatalog } from '../../shared/localize.js';
import en from './en.js';

let registered = false;

/**
 * Register this element's strings on first use (not at import, so importing the class has no side
 * effect): English eagerly, Simplified Chinese as a lazy chunk merged into the shared catalog.
 */
export function registerSessionLimitCatalogs(): void {
  if (registered) return;
  registered = true;
  registerCatalog('en', en);
  registerCatalog('zh-CN', () => import('./zh-CN.js').then((m) => m.default));
}
