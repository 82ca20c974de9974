// As an integrator would: registers the form and the elements it uses.
import 'personal-settings-elements/personal-info-form';
import { ConsoleApp } from './app.js';
import { reportCspViolations } from './csp-report.js';
import { devPanel } from './dev-panel.js';

// First: report any Content Security Policy violation (no element exists yet).
reportCspViolations();

const root = document.getElementById('app');
if (!root) throw new Error('#app is missing from index.html');
const app = new ConsoleApp(root);
document.body.append(
  devPanel({
    afterReset: () => app.signInAgain('reset'),
  }),
);
app.start();
