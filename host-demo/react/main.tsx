/**
 * A React 19 host page: `npm start`, then open `/react/`.
 *
 * Register the element before React first renders it: React 19 sets a prop as a property only when
 * the element already has that property (`'client' in element`); on a not-yet-upgraded element it
 * would become an attribute (an object turned into "[object Object]").
 */
import 'personal-settings-elements/personal-info-form';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { applyConsoleTheme } from '../framework-host.js';
import { App } from './app.js';

applyConsoleTheme();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
