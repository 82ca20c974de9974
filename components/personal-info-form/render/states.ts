import { html, nothing, type TemplateResult } from 'lit';
import type { ApiError } from '../../api/client.js';
import type { PersonalInfo } from '../../api/contract/index.js';
import type { ConfigProblem } from '../../api/personal-info-controller.js';
import type { Translate } from '../../shared/localize.js';
import type { PersonalInfoSection } from '../personal-info-form.events.js';
import { action } from './common.js';

/** Loading: a status message and placeholder rows, so the page does not jump when the data arrives. */
export function renderLoading(t: Translate): TemplateResult {
  return html`<div class="state state--loading" part="state" role="status">
    <span class="spinner" aria-hidden="true"></span>
    <span>${t('personal-info.loading')}</span>
  </div>
  <div class="skeleton" aria-hidden="true">
    <div class="skeleton__row"></div>
    <div class="skeleton__row"></div>
    <div class="skeleton__row"></div>
    <div class="skeleton__row"></div>
    <div class="skeleton__row"></div>
  </div>`;
}

/** Loading failed: what happened and a Retry (unless retrying cannot help, e.g. a configuration error). */
export function renderFailure(message: string, t: Translate, retry?: () => void): TemplateResult {
  return html`<div class="state state--error" part="state" role="alert">
    <p class="state__message">${message}</p>
    ${retry ? action({ label: t('personal-info.retry'), id: 'retry', onClick: retry }) : nothing}
  </div>`;
}

export interface BannerOptions {
  message: string;
  items?: readonly string[];
  actionLabel: string;
  onAction: () => void;
}

/** A message above the loaded screen (a version conflict, a failed reload): announced, dismissable. */
export function renderBanner(options: BannerOptions): TemplateResult {
  return html`<div class="banner" part="banner" role="alert">
    <div class="banner__text">
      <p>${options.message}</p>
      ${options.items?.length ? html`<ul>${options.items.map((item) => html`<li>${item}</li>`)}</ul>` : nothing}
    </div>
    ${action({ label: options.actionLabel, id: 'banner-action', onClick: options.onAction })}
  </div>`;
}

/**
 * After a 412: the save was not applied, the latest values are shown, and what changed in words
 * (`'unknown'`: the summary could not be loaded, so no list).
 */
export function renderConflict(
  changes: readonly string[] | 'unknown',
  t: Translate,
  dismiss: () => void,
): TemplateResult {
  return renderBanner({
    message: t('personal-info.conflict'),
    items: changes === 'unknown' ? [] : changes.length ? changes : [t('personal-info.conflict.same')],
    actionLabel: t('personal-info.dismiss'),
    onAction: dismiss,
  });
}

/** What the screen's body is rendered from; built by the element on each render. */
export interface BodyView {
  t: Translate;
  /** The endpoint is missing or refused: nothing can load. */
  config: ConfigProblem | null;
  info: PersonalInfo | null;
  loadError: ApiError | null;
  /** Why loading failed, in words; `null` while the problem words are still arriving (`problem-words.ts`). */
  loadErrorMessage: (error: ApiError) => string | null;
  /** Changes found after a version conflict (`'unknown'`: the summary could not be loaded). */
  conflict: readonly string[] | 'unknown' | null;
  retry: () => void;
  dismissConflict: () => void;
  /** One section of the loaded screen (`nothing` when the `sections` attribute leaves it out). */
  section: (section: PersonalInfoSection, info: PersonalInfo) => unknown;
}

/**
 * The screen's body: a configuration problem, loading or its failure; once loaded, a banner (a failed
 * reload, a version conflict) above the sections.
 */
export function renderBody(v: BodyView): unknown {
  const { t, info, loadError: error, retry } = v;
  if (v.config) return renderFailure(t(`personal-info.config.${v.config.reason}`, { url: v.config.url }), t);
  const failure = error && error.kind !== 'aborted' ? v.loadErrorMessage(error) : null;
  // Until the words for a failure are in (a moment, from the network or the cache), still loading.
  if (!info) return failure === null ? renderLoading(t) : renderFailure(failure, t, retry);
  const banner =
    failure !== null
      ? renderBanner({
          message: failure,
          actionLabel: t('personal-info.retry'),
          onAction: retry,
        })
      : v.conflict
        ? renderConflict(v.conflict, t, v.dismissConflict)
        : nothing;
  const section = (s: PersonalInfoSection) => v.section(s, info);
  // One binding per section rather than an array of them: no item markers or parts per section.
  return html`${banner}${section('contacts')}${section('auto-logout')}${section('session-limit')}${section('welcome-message')}`;
}
