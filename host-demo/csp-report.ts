/**
 * Called first by main.ts, before any element is created: every Content Security Policy violation on
 * the page is logged to the console with a fixed prefix (the e2e test counts them) and kept in
 * `window.cspViolations` for a quick look in the devtools.
 */
export interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

declare global {
  interface Window {
    cspViolations: CspViolation[];
  }
}

export function reportCspViolations(): void {
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    const violation: CspViolation = {
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      source: event.sourceFile ? `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}` : '',
      sample: event.sample,
    };
    window.cspViolations.push(violation);
    console.error(`[csp-violation] ${JSON.stringify(violation)}`);
  });
}
