// As an integrator would: `import 'personal-settings-elements/personal-info-form'` (registers the
// form and the elements it uses).
import '../components/personal-info-form/define.js';
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
