import { html, nothing, type TemplateResult } from 'lit';
import type { Translate } from '../../shared/localize.js';
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
