import { html, raw } from 'hono/html';
import { PROBLEM_STATUS, type ProblemCode, type RouteDef, routes } from '../components/api/contract/index.js';
import { PROBLEM_TITLES } from './problem.js';
import { openApiDocument, routeProblems } from './openapi.js';

/** A browsable API reference rendered on the server: no script, no CDN, works under a strict CSP. */
export function referencePage(basePath: string) {
  const doc = openApiDocument(basePath) as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components: { schemas: Record<string, unknown> };
  };
  /** A body's named schema: its name and definition. */
  const named = (schema: unknown) => {
    const name = (schema as { $ref?: string } | undefined)?.$ref?.split('/').pop();
    return name
      ? html`<p>Schema <code>${name}</code></p><pre>${pretty(doc.components.schemas[name])}</pre>`
      : '';
  };
  const entries = Object.entries(routes) as [string, RouteDef][];
  const pretty = (v: unknown) => JSON.stringify(v, null, 2);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Personal settings API reference</title>
<link rel="stylesheet" href="${basePath}/docs.css">
</head>
<body>
<header><h1>Personal settings API</h1>
<p>Base URL <code>${basePath}</code> · <a href="${basePath}/openapi.json">openapi.json</a> (OpenAPI 3.1, generated from the zod contract)</p>
<nav aria-label="Routes"><ul>${entries.map(
    ([id, r]) =>
      html`<li><a href="#${id}"><span class="m m-${r.method.toLowerCase()}">${r.method}</span> ${r.path}</a></li>`,
  )}</ul></nav></header>
<main>
${entries.map(([id, r]) => {
  const op = doc.paths[r.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method.toLowerCase()] ?? {};
  const req = (op.requestBody as { content: Record<string, { schema: unknown }> } | undefined)?.content[
    'application/json'
  ]?.schema;
  const res = (op.responses as Record<string, { content?: Record<string, { schema: unknown }> }>)[r.status]
    ?.content?.['application/json']?.schema;
  return html`<section id="${id}">
<h2><span class="m m-${r.method.toLowerCase()}">${r.method}</span> <code>${r.path}</code></h2>
<p>${r.summary}${r.auth ? ' · requires a session' : ''}${r.ifMatch ? ' · If-Match required' : ''}</p>
${req ? html`<h3>Request body</h3>${named(req)}` : ''}
<h3>${r.status} response</h3>${res ? named(res) : html`<p>No body.</p>`}
<h3>Problems</h3><ul class="problems">${routeProblems(r).map(
    (c) => html`<li><a href="#problem-${c}"><code>${c}</code></a> (${PROBLEM_STATUS[c]})</li>`,
  )}</ul>
</section>`;
})}
<section id="problems"><h2>Problem codes</h2>
<p>Every error is <code>application/problem+json</code> (RFC 9457) with <code>code</code>; some carry
<code>attemptsRemaining</code>, <code>retryAfterSeconds</code>, <code>fieldErrors</code> or <code>channel</code>.</p>
<table><thead><tr><th>code</th><th>status</th><th>meaning</th></tr></thead><tbody>
${(Object.keys(PROBLEM_STATUS) as ProblemCode[]).map(
  (c) =>
    html`<tr id="problem-${c}"><td><code>${c}</code></td><td>${PROBLEM_STATUS[c]}</td><td>${PROBLEM_TITLES[c]}</td></tr>`,
)}
</tbody></table></section>
</main>
</body>
</html>`;
}

export const REFERENCE_CSS = raw(`
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 4rem; }
pre { background: light-dark(#f4f6f8, #1d2127); padding: .75rem; border-radius: 6px; overflow: auto; font-size: .85rem; }
.m { display: inline-block; min-width: 4.2em; text-align: center; border-radius: 4px; font: 600 .8rem monospace; padding: .1rem .3rem; color: #fff; }
.m-get { background: #1f6feb; } .m-post { background: #1a7f37; } .m-patch { background: #9a6700; } .m-delete { background: #cf222e; } .m-put { background: #8250df; }
nav ul, .problems { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
section { border-top: 1px solid light-dark(#d0d7de, #30363d); margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: start; padding: .25rem .5rem; border-bottom: 1px solid light-dark(#d0d7de, #30363d); }
`);
