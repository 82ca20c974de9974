/**
 * A Vue 3 host page: `npm start`, then open `/vue/`.
 *
 * The element is registered first, so it is upgraded before Vue creates it and Vue's "is it a
 * property?" check (`key in element`) sees the element's properties.
 */
import 'personal-settings-elements/personal-info-form';
import { createApp } from 'vue';
import { applyConsoleTheme } from '../framework-host.js';
import { App } from './app.js';

applyConsoleTheme();

createApp(App).mount('#root');
