// runstrong service worker. Pages and static files: network first, the last good copy when the
// network is down or slow, so the phone runner (/run, cached at install) starts offline.
// API calls are never cached: the page's outbox (localStorage) queues writes until online.
const CACHE = "runstrong-v1";
const PRECACHE = [
  "/run",
  "/static/app.css",
  "/static/dist/run.js",
  "/static/dist/main.js",
  "/manifest.webmanifest",
  "/icon.svg",
  "/static/dist/icon-192.png",
];
/** How long a page may take before a cached copy is shown instead. */
const SLOW_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => Promise.all(PRECACHE.map((url) => cache.add(url).catch(() => undefined))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/") || url.pathname === "/web/state.json") return;
  event.respondWith(networkFirst(req, event));
});

async function networkFirst(req, event) {
  const cache = await caches.open(CACHE);
  const network = fetch(req).then((res) => {
    // Only whole, same-origin, final answers are kept (no redirects to the sign-in page).
    if (res.ok && res.type === "basic" && !res.redirected) {
      event.waitUntil(cache.put(req, res.clone()));
    }
    return res;
  });
  const cached = () => cache.match(req, { ignoreSearch: req.mode === "navigate" });
  const slow = new Promise((resolve) => setTimeout(resolve, SLOW_MS, "slow"));
  try {
    const first = await Promise.race([network, slow]);
    if (first !== "slow") return first;
    return (await cached()) ?? (await network);
  } catch {
    const hit = await cached();
    if (hit) return hit;
    if (req.mode === "navigate") return offlinePage();
    return Response.error();
  }
}

function offlinePage() {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Offline · runstrong</title><link rel="stylesheet" href="/static/app.css"></head>
<body><main class="page"><h1>You are offline</h1>
<p>This page has not been saved on this phone yet. The session runner works offline:</p>
<p><a class="button" href="/run">Run a session</a></p></main></body></html>`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}
