import type { PersonalInfo } from '../api/contract/index.js';
import { formatDurationSeconds } from '../shared/format.js';
import { type LocalizeController, registerCatalog } from '../shared/localize.js';
import { sameSessionLimit } from '../session-limit-field/session-limit-value.js';

/**
 * What changed between the personal info a refused save (412) was based on and the one reloaded after
 * it, in words. The code and its strings (`./changes.js`) load on the first conflict only.
 */
export async function conflictSummary(
  from: PersonalInfo,
  to: PersonalInfo,
  localize: LocalizeController,
): Promise<readonly string[]> {
  const { describeChanges, strings } = await import('./changes.js');
  registerCatalog('en', strings);
  const lang = localize.lang;
  return describeChanges(from, to, {
    t: localize.t.bind(localize),
    duration: (minutes) => formatDurationSeconds(minutes * 60, lang),
    sameLimit: sameSessionLimit,
  });
}
