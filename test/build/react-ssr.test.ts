/**
 * `personal-settings-elements/react` on a server (Node, no DOM): importing it neither needs nor
 * creates `window` / `document`, and `react-dom/server` renders the element tags (their properties
 * and listeners are set on the client after hydration — test/e2e/package-nextjs.test.ts shows that
 * in a real Next.js app).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';

describe('./react on the server', () => {
  it('imports without a DOM and server-renders the element tags', async () => {
    assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined');
    const { PersonalInfoForm, ContactVerifyDialog, SessionLimitField } = await import(
      '../../components/react.js'
    );
    assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined', 'no window after import');
    assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined', 'no document');
    const html = renderToString(
      createElement(
        'main',
        null,
        createElement(PersonalInfoForm, { endpoint: '/api/v1', onPersonalInfoSaved: () => {} }),
        createElement(ContactVerifyDialog, { kind: 'email', mode: 'verify' }),
        createElement(SessionLimitField, { name: 'limit', onChange: () => {} }),
      ),
    );
    assert.match(html, /<personal-info-form[\s>]/);
    assert.match(html, /<contact-verify-dialog[\s>]/);
    assert.match(html, /<session-limit-field[\s>]/);
    // Event props are listeners, never attributes.
    assert.doesNotMatch(html, /onPersonalInfoSaved|onChange/i);
  });
});
