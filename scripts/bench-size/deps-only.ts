/**
 * The dependencies a page with <personal-info-form> loads — lit, @lit/context, @lit/task — with
 * exactly the exports the elements import and none of our code: the floor under the size budget.
 * `scripts/bench-size.mjs` measures it in the same run as the pages.
 */
export { ContextProvider, createContext } from '@lit/context';
export { initialState, Task, TaskStatus } from '@lit/task';
export { css, html, LitElement, nothing } from 'lit';
export { property, state } from 'lit/decorators.js';
export { ifDefined } from 'lit/directives/if-defined.js';
export { keyed } from 'lit/directives/keyed.js';
export { live } from 'lit/directives/live.js';
