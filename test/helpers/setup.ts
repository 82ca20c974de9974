/**
 * Import first in every browser test file (`import '../helpers/setup.js';`): installs the console
 * guard's root hooks once. `./fixtures.js` imports it too, so importing the fixtures is enough.
 */
import { installConsoleGuard } from './console-guard.js';

installConsoleGuard();
