import { css } from 'lit';

/**
 * Design tokens shared by every element. Public custom properties are namespaced
 * `--personal-settings-*` and documented on each element; everything `--_*` is private.
 * Light and dark follow the host page's `color-scheme`, which the elements inherit: `color-scheme:
 * light dark` on `:root` follows the user's preference, `color-scheme: dark` on any ancestor forces
 * dark. A host themes us by setting a handful of `--personal-settings-*` properties.
 */
export const tokens = css`
  :host {
    --_accent: var(--personal-settings-accent, light-dark(#1f5fd1, #7aa7ff));
    --_accent-contrast: var(--personal-settings-accent-contrast, light-dark(#ffffff, #0b1220));
    --_fg: var(--personal-settings-color, light-dark(#1b1f24, #e6e9ee));
    --_muted: var(--personal-settings-muted-color, light-dark(#535b66, #a9b1bc));
    --_bg: var(--personal-settings-background, light-dark(#ffffff, #161a20));
    --_surface: var(--personal-settings-surface, light-dark(#f5f7fa, #1f242c));
    --_border: var(--personal-settings-border-color, light-dark(#c9ced6, #3a414c));
    --_danger: var(--personal-settings-danger, light-dark(#b3261e, #ff8a80));
    --_success: var(--personal-settings-success, light-dark(#1e7a3c, #7bd88f));
    --_warning: var(--personal-settings-warning, light-dark(#8a5300, #ffc46b));
    --_radius: var(--personal-settings-radius, 6px);
    /* The focus ring's colour: ≥ 3:1 against --_bg (5.9:1 light, 7.2:1 dark with the defaults). */
    --_focus: var(--personal-settings-focus-color, light-dark(#1f5fd1, #7aa7ff));
    --_gap: var(--personal-settings-gap, 1rem);
    font: inherit;
    color: var(--_fg);
  }
  :host([hidden]) {
    display: none !important;
  }
  /* Not *::before / *::after: a universal pseudo-element rule makes every element's style look for
     them. The one pseudo-element drawn (a busy button's spinner) says so itself. */
  * {
    box-sizing: border-box;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  /* The focus ring: a solid outline 2px outside the control. The indicator is two rings, each ≥ 3:1
     against what it touches: the outline against the background around it, the 2px gap of background
     against the control's own fill (a primary button's accent included). An outline, unlike a
     box-shadow, survives forced-colors mode. */
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  @media (forced-colors: active) {
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
