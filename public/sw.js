// Reserver's service worker: the app keeps working offline for reading what was last seen.
//
// - The app's code (`/pkg/<build id>/…`, named by its build, never changed) is kept once
//   fetched and served from here; a new build's first file drops the previous build's.
// - The other files under `/pkg/` (the style sheet, the messages) keep their names from build
//   to build: they are fetched from the network first, the copy kept used only when that fails.
// - A page of bookings (home, resources, a resource's calendar, the timeline, my bookings,
//   waitlist, approvals, notifications; the last KEPT_PAGES) is kept as it was last loaded, or
//   as the server renders it when the app shows it by itself (told by a "shown:" message). Offline, that copy is shown with its "saved copy" notice made visible
//   (rendered hidden by the server, so it is in the page's language); a page never kept shows
//   `/offline` in its place, without the app's scripts.
// - Signing in or out, or a page that finds nobody signed in where someone was, forgets the
//   kept pages: they were someone's bookings.
// Pages come from the network whenever it answers; keeping a copy never holds a response back,
// and a copy that cannot be kept (storage full) is simply not kept. Nothing else (the API,
// server functions, live updates) is touched.

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
const SCRIPTS = /<script\b[^>]*>[\s\S]*?<\/script>|<link rel="(?:module)?preload"[^>]*>/g;

self.addEventListener("install", (event) => {
  event.waitUntil(keepOfflinePage().then(() => self.skipWaiting()));
});

// Navigations start while the worker is still starting up.
self.addEventListener("activate", (event) => {
  event.waitUntil(Promise.all([self.clients.claim(), self.registration.navigationPreload?.enable()]));
});

self.addEventListener("message", (event) => {
  if (event.data === "signed-out") {
    // A page came up with nobody signed in where someone was (signed out elsewhere, or the
    // session ended).
    event.waitUntil(forgetPages().then(() => keepOfflinePage().catch(() => {})));
  } else if (typeof event.data === "string" && event.data.startsWith("shown:")) {
    // The app showed a page by itself (a link inside it): that page is kept as a full load
    // would keep it, unless a copy from the last minute is kept already.
    event.waitUntil(keepShown(new URL(event.data.slice("shown:".length), self.location.origin)));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || request.headers.has("range")) return;
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

// All kept pages but the offline page, which is kept again once the server can render it for
// whoever is signed in now (its header names them).
async function forgetPages() {
  try {
    const pages = await caches.open(PAGES);
    for (const key of await pages.keys()) {
      if (new URL(key.url).pathname !== OFFLINE) await pages.delete(key);
    }
  } catch {
    // Nothing could be kept either.
  }
}

async function signInOrOut(event) {
  // Forgotten first, so a sign-out that does not reach the server forgets them too.
  await forgetPages();
  const response = await fetch(event.request);
  event.waitUntil(keepOfflinePage().catch(() => {}));
  return response;
}

async function page(event, url) {
  let response;
  try {
    response = (await event.preloadResponse) || (await fetch(event.request));
  } catch (offline) {
    const pages = await caches.open(PAGES);
    const kept = await pages.match(event.request);
    if (kept) return edited(kept, (html) => html.replace(NOTICE_HIDDEN, NOTICE_SHOWN));
    const fallback = await pages.match(OFFLINE);
    if (fallback) return edited(fallback, (html) => html.replace(SCRIPTS, ""));
    throw offline;
  }
  if (keeps(url, response)) event.waitUntil(remember(PAGES, event.request, response.clone(), KEPT_PAGES));
  return response;
}

const FRESH_MS = 60_000;

async function keepShown(url) {
  if (url.origin !== self.location.origin || !KEPT.some((path) => path.test(url.pathname))) return;
  try {
    const kept = await caches.match(url.href, { cacheName: PAGES });
    const age = kept ? Date.now() - Date.parse(kept.headers.get("date") || "") : Infinity;
    if (age < FRESH_MS) return;
    const response = await fetch(url.href, { credentials: "same-origin" });
    if (keeps(url, response)) await remember(PAGES, new Request(url.href), response, KEPT_PAGES);
  } catch {
    // Offline, or not kept: nothing lost.
  }
}

// Whether `response` is a page of bookings to keep for `url`.
function keeps(url, response) {
  return (
    response.status === 200 &&
    !response.redirected &&
    KEPT.some((path) => path.test(url.pathname)) &&
    (response.headers.get("content-type") || "").startsWith("text/html")
  );
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
  if (response.status === 200) event.waitUntil(keepCode(event.request, response.clone(), url.pathname.match(BUILD)[1]));
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
    if (response.status === 200) event.waitUntil(remember(CODE, event.request, response.clone()));
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
