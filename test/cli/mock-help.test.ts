/** `personal-settings-mock --help` names every option the command takes. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MOCK_HELP, MOCK_OPTIONS } from '../../mock-server/node.js';

it('the mock command documents each of its options', () => {
  for (const name of Object.keys(MOCK_OPTIONS)) {
    assert.match(MOCK_HELP, new RegExp(`^\\s+(-h, )?--${name}\\b`, 'm'), `--${name} is in --help`);
  }
  assert.match(MOCK_HELP, /Examples:\n\s+npx personal-settings-mock/);
});
