// A human-readable API reference rendered on the server from the generated OpenAPI document.
import { html, raw } from "hono/html";

type Doc = {
  info: { title: string; description?: string; version: string };
  paths?: Record<string, Record<string, Operation | undefined> | undefined>;
};
type Operation = {
  summary?: string;
  tags?: string[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  parameters?: { name: string; in: string; required?: boolean }[];
  responses?: Record<string, { description?: string }>;
  /** An operation outside /api/v1 (the iCal feed) names its own server. */
  servers?: { url: string }[];
};

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export function apiReferencePage(doc: Doc) {
  const ops = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((m) => {
      const op = item?.[m];
      return op ? [{ path, method: m.toUpperCase(), op }] : [];
    }),
  );
  const tags = [...new Set(ops.map((o) => o.op.tags?.[0] ?? "Other"))];
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${doc.info.title} — reference</title><link rel="stylesheet" href="/static/app.css"></head>
<body><main class="page">
<h1>${doc.info.title} <small>v${doc.info.version}</small></h1>
<p>${doc.info.description ?? ""} Every path is under <code>/api/v1</code> but the iCal feed's. The machine-readable
document is <a href="/api/v1/openapi.json">openapi.json</a>. Errors are
<code>{"error", "message", "issues"?}</code>.</p>
${tags.map(
  (tag) => html`<section><h2>${tag}</h2>
  ${ops
    .filter((o) => (o.op.tags?.[0] ?? "Other") === tag)
    .map(
      ({ path, method, op }) => html`<article class="endpoint">
    <h3><code>${method} ${op.servers?.[0]?.url === "/" ? "" : "/api/v1"}${path}</code></h3>
    <p>${op.summary ?? ""}</p>
    ${op.parameters?.length ? html`<p>Parameters: ${op.parameters.map((p) => html`<code>${p.name}</code> (${p.in}${p.required ? ", required" : ""}) `)}</p>` : ""}
    ${op.requestBody?.content?.["application/json"]?.schema ? html`<details><summary>Request body schema</summary><pre>${JSON.stringify(op.requestBody.content["application/json"].schema, null, 2)}</pre></details>` : ""}
    <ul>${Object.entries(op.responses ?? {}).map(([code, r]) => html`<li><code>${code}</code> ${r.description ?? ""}</li>`)}</ul>
  </article>`,
    )}</section>`,
)}
${raw("")}
</main></body></html>`;
}
