/**
 * `<personal-info-form>` in React 19, both ways a React app talks to a custom element:
 *
 * - **declaratively** (React 19's custom element support): `client`, `sections` and `locale` are JSX
 *   props that React assigns as properties, and `onpersonal-info-saved` / `onpersonal-info-change`
 *   props become listeners for exactly those event names — typed by the package's JSX types;
 * - **imperatively**, as with any DOM node: a `ref`, a property assigned in an effect (`strings`) and
 *   `addEventListener` / `removeEventListener` in the same effect (`session-expired`,
 *   `contact-verify-confirmed`, `personal-info-error`).
 *
 * The event log renders each entry as text (React escapes it; no HTML is ever built from event data).
 */
import { type ReactElement, useCallback, useEffect, useRef, useState, version } from 'react';
import {
  type ContactVerifyConfirmedEvent,
  PERSONAL_INFO_SECTIONS,
  type PersonalInfoErrorEvent,
  type PersonalInfoForm,
  type PersonalInfoSection,
  type SessionExpiredEvent,
} from 'personal-settings-elements';
// The JSX types, as an app loads them once.
import type {} from 'personal-settings-elements/jsx';
import { appendEntry, describe, hostPage, type LogEntry } from '../framework-host.js';

// Once, outside the component: a new client would make the form load again.
const host = hostPage('react');

export function App(): ReactElement {
  const formRef = useRef<PersonalInfoForm>(null);
  const [sections, setSections] = useState<readonly PersonalInfoSection[]>(PERSONAL_INFO_SECTIONS);
  const [locale, setLocale] = useState('en');
  const [log, setLog] = useState<readonly LogEntry[]>([]);
  // No session (or it ended): the page offers Sign in; the form's own Retry could not help.
  const [signedOut, setSignedOut] = useState(false);
  const append = useCallback((text: string) => setLog((entries) => appendEntry(entries, text)), []);

  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    form.strings = host.strings;
    const onExpired = (event: SessionExpiredEvent) => {
      append(describe.expired(event));
      setSignedOut(true);
    };
    const onConfirmed = (event: ContactVerifyConfirmedEvent) => append(describe.confirmed(event));
    const onError = (event: PersonalInfoErrorEvent) => append(describe.error(event));
    form.addEventListener('session-expired', onExpired);
    form.addEventListener('contact-verify-confirmed', onConfirmed);
    form.addEventListener('personal-info-error', onError);
    return () => {
      form.removeEventListener('session-expired', onExpired);
      form.removeEventListener('contact-verify-confirmed', onConfirmed);
      form.removeEventListener('personal-info-error', onError);
    };
  }, [append]);

  const toggleSection = (section: PersonalInfoSection, shown: boolean) =>
    setSections((current) => host.toggled(current, section, shown));

  return (
    <div className="host-page">
      <header className="topbar">
        <a className="brand" href="../#/home">
          <span className="brand__mark" aria-hidden="true" />
          Acme Console
        </a>
        <nav className="mainmenu" aria-label="Demo pages">
          <ul>
            {host.links.map((link) => (
              <li key={link.href}>
                <a href={link.href} aria-current={link.current ? 'page' : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main className="console__main">
        <header className="page-header">
          <h1>React 19 host</h1>
          <p>
            <code>&lt;personal-info-form&gt;</code> rendered by React {version}: properties and{' '}
            <code>on&lt;event&gt;</code> props in JSX, plus a ref with listeners in an effect.
          </p>
        </header>
        {signedOut ? (
          <section className="card signed-out" id="signed-out" aria-labelledby="signed-out-text">
            <p id="signed-out-text">
              You are not signed in. Sign in to the console to see your personal settings here.
            </p>
            <a className="button button--primary" href={host.signInHref}>
              Sign in
            </a>
          </section>
        ) : null}
        <div className="layout">
          <section className="card host-controls" aria-labelledby="host-controls-title">
            <h2 id="host-controls-title">Host controls</h2>
            <fieldset>
              <legend>Sections (the sections property)</legend>
              {PERSONAL_INFO_SECTIONS.map((section) => (
                <label key={section}>
                  <input
                    type="checkbox"
                    id={`section-${section}`}
                    checked={sections.includes(section)}
                    onChange={(event) => toggleSection(section, event.currentTarget.checked)}
                  />{' '}
                  {host.sectionLabels[section]}
                </label>
              ))}
            </fieldset>
            <label className="stacked">
              Language (the locale property)
              <select id="locale" value={locale} onChange={(event) => setLocale(event.currentTarget.value)}>
                {host.locales.map(({ value, label }) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          </section>
          <section className="card embedded" aria-label="Personal settings" hidden={signedOut}>
            <personal-info-form
              ref={formRef}
              client={host.client}
              sections={sections.join(' ')}
              locale={locale}
              onpersonal-info-saved={(event) => append(describe.saved(event))}
              onpersonal-info-change={(event) => append(describe.change(event))}
            />
          </section>
          <section className="card event-log" aria-labelledby="event-log-title">
            <h2 id="event-log-title">Events received</h2>
            <ol id="event-log" aria-live="polite">
              {log.map((entry) => (
                <li key={entry.id}>{entry.text}</li>
              ))}
            </ol>
          </section>
        </div>
      </main>
    </div>
  );
}
