// Reserver's service worker: the app keeps working offline for reading what was last seen.
//
// - The app's code (`/pkg/<build id>/…`, named by its build, never changed) is kept once
//   fetched and served from here; a new build's first file drops the previous build's.
// - The style sheet and messages (`/pkg/*.css`, `/pkg/locales/`) are fetched from the network
//   first; the copy kept is used only when that fails.
// - A page of bookings loaded in full (home, resources, a resource's calendar, the timeline,
//   my bookings, waitlist, approvals, notifications; the last KEPT_PAGES) is kept as it was
//   last loaded. Offline, that copy is shown with its "saved copy" notice made visible
//   (rendered hidden by the server, so it is in the page's language); a page never kept shows
//   `/offline` in its place, without the app's scripts.
// - Signing in or out, or a page that finds nobody signed in, forgets the kept pages: they
//   were someone's bookings.
// The network always answers first; keeping a copy never holds a response back, and a copy
// that cannot be kept (storage full) is simply not kept. Nothing else (the API, server
// functions, live updates) is touched.

const CODE = "reserver-code";
const PAGES = "reserver-pages";
const OFFLINE = "/offline";
const KEPT_PAGES = 50;
const KEPT = [/^\/$/, /^\/resources$/, /^\/resources\/\d+$/, /^\/timeline$/, /^\/reservations$/, /^\/waitlist$/, /^\/approvals$/, /^\/notifications$/];
const SIGN_IN_OR_OUT = ["/api/fn/login", "/api/fn/logout", "/api/fn/initialize_setup"];
const BUILD = /^\/pkg\/([0-9a-f]{16})\//;
const NOTICE_HIDDEN = /(<p id="offline-copy"[^>]*?) hidden(="")?([ >])/;
const NOTICE_SHOWN = "$1$3";
// The offline page stands in at another page's address, where the app would take it for that
// page: it is shown as plain HTML, its links ordinary links.
const SCRIPTS = /<script\b[^>]*>[\s\S]*?<\/script>|<link rel="modulepreload"[^>]*>/g;

self.addEventListener("install", (event) => {
  event.waitUntil(keepOfflinePage().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

// A page that came up with nobody signed in (signed out elsewhere, or the session ended).
self.addEventListener("message", (event) => {
  if (event.data === "signed-out") event.waitUntil(forgetPages());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && SIGN_IN_OR_OUT.includes(url.pathname)) {
    event.respondWith(signInOrOut(event));
  } else if (request.method !== "GET") {
    return;
  } else if (request.mode === "navigate") {
    event.respondWith(page(event, url));
  } else if (BUILD.test(url.pathname)) {
    event.respondWith(code(event, url));
  } else if (url.pathname.startsWith("/pkg/")) {
    event.respondWith(networkFirst(event));
  }
});

function keepOfflinePage() {
  return caches.open(PAGES).then((pages) => pages.add(OFFLINE));
}

// The offline page's header names who is signed in: it is kept again too.
async function forgetPages() {
  await caches.delete(PAGES);
  await keepOfflinePage().catch(() => {});
}

async function signInOrOut(event) {
  // Forgotten first, so a sign-out that does not reach the server forgets them too.
  await caches.delete(PAGES).catch(() => {});
  const response = await fetch(event.request);
  event.waitUntil(keepOfflinePage().catch(() => {}));
  return response;
}

async function page(event, url) {
  let response;
  try {
    response = await fetch(event.request);
  } catch (offline) {
    const pages = await caches.open(PAGES);
    const kept = await pages.match(event.request);
    if (kept) return edited(kept, (html) => html.replace(NOTICE_HIDDEN, NOTICE_SHOWN));
    const fallback = await pages.match(OFFLINE);
    if (fallback) return edited(fallback, (html) => html.replace(SCRIPTS, ""));
    throw offline;
  }
  const keep =
    response.ok &&
    !response.redirected &&
    KEPT.some((path) => path.test(url.pathname)) &&
    (response.headers.get("content-type") || "").startsWith("text/html");
  if (keep) event.waitUntil(remember(PAGES, event.request, response.clone(), KEPT_PAGES));
  return response;
}

// A kept page with its HTML changed; the body is no longer the one the headers describe.
async function edited(response, edit) {
  const html = edit(await response.text());
  const headers = new Headers(response.headers);
  headers.delete("content-encoding");
  headers.delete("content-length");
  return new Response(html, { status: response.status, statusText: response.statusText, headers });
}

async function code(event, url) {
  const kept = await caches.match(event.request, { cacheName: CODE }).catch(() => undefined);
  if (kept) return kept;
  const response = await fetch(event.request);
  if (response.ok) event.waitUntil(keepCode(event.request, response.clone(), url.pathname.match(BUILD)[1]));
  return response;
}

async function keepCode(request, response, build) {
  try {
    const store = await caches.open(CODE);
    await store.put(request, response);
    for (const key of await store.keys()) {
      const other = new URL(key.url).pathname.match(BUILD);
      if (other && other[1] !== build) await store.delete(key);
    }
  } catch {
    // Not kept: fetched again next time.
  }
}

async function networkFirst(event) {
  try {
    const response = await fetch(event.request);
    if (response.ok) event.waitUntil(remember(CODE, event.request, response.clone()));
    return response;
  } catch (offline) {
    const kept = await caches.match(event.request, { cacheName: CODE }).catch(() => undefined);
    if (kept) return kept;
    throw offline;
  }
}

// Keeps `response` for `request`, as the newest entry; with `most`, only that many pages
// (besides the offline page).
async function remember(name, request, response, most) {
  try {
    const store = await caches.open(name);
    await store.delete(request);
    await store.put(request, response);
    if (most) {
      const keys = (await store.keys()).filter((key) => new URL(key.url).pathname !== OFFLINE);
      for (const key of keys.slice(0, Math.max(0, keys.length - most))) await store.delete(key);
    }
  } catch {
    // Not kept: the page shows as before.
  }
}
