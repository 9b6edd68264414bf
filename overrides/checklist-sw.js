/* checklist-site: the runbooks read stay readable without a network (registered by assets/javascripts/checklist.js
   on a page with commands, a runbook or the rollback procedure, for that page's folder alone).

   The on-call engineer opens a runbook, goes down to a basement with no signal, switches to a terminal to paste a
   command, and the phone's browser reloads the tab: without this, "No internet" instead of the command. Network
   first, always: every page and every file is asked of the site, and a copy of what it answered is kept; only when
   the site cannot be reached at all (no network, the server down) is the kept copy shown. So a reader online never
   sees a page older than the site's, and offline sees the last one read. Only pages and what they load (scripts,
   styles, images, fonts) of this site are kept, GET only: recordings, the meeting's live line and the search index
   go to the network as before, untouched.

   Nothing is kept for ever: each page read says which of the site's files it loaded (its scripts, styles, images,
   fonts), kept as a list beside it; a file no page kept uses any more (Material's bundle.<hash>.min.js of the theme
   before an upgrade, once every page kept has been read again with the new one) is taken out of the copies. */
"use strict";

var KEPT = "checklist-site-pages-read-v1";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function kept(request) {
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return false;
  if (request.mode === "navigate") return true;
  return ["script", "style", "image", "font"].indexOf(request.destination) >= 0;
}

function keep(cache, request, response) {
  if (response.ok && response.type === "basic" && !response.redirected) return cache.put(request, response);
}

/* Each page read says what it loaded ({page, files}); the first page read, which came before the worker, asks for
   itself and those files to be kept from the network now (keep: true). The list is kept under the page's address in
   USES; then every kept file that no kept page's list names is evicted. */
var USES = "checklist-site-pages-read-uses-v1";

function same(url) {
  try { return new URL(url).origin === self.location.origin; } catch (e) { return false; }
}

function page(url) { return String(url).split("#")[0]; }

self.addEventListener("message", function (event) {
  var said = event.data;
  if (!said || typeof said.page !== "string" || !Array.isArray(said.files) || !same(said.page)) return;
  var files = said.files.filter(function (url) { return typeof url === "string" && same(url); }).map(page);
  event.waitUntil(caches.open(KEPT).then(function (cache) {
    if (said.keep !== true) return null;
    return Promise.all([page(said.page)].concat(files).map(function (url) {
      var request = new Request(url);
      return fetch(request).then(function (response) { return keep(cache, request, response); }).catch(function () {});
    }));
  }).then(function () {
    return caches.open(USES).then(function (uses) {
      var listed = new Response(JSON.stringify(files), { headers: { "Content-Type": "application/json" } });
      return uses.put(new Request(page(said.page)), listed);
    });
  }).then(evict).catch(function () {}));
});

/* The files (not pages) of the copies that no kept page uses. A page's copy is never evicted here; a page kept with no
   list yet (a list not said, a worker of an earlier version) keeps every file: nothing is evicted while one is. */
function evict() {
  return Promise.all([caches.open(KEPT), caches.open(USES)]).then(function (opened) {
    var cache = opened[0], uses = opened[1];
    return Promise.all([cache.keys(), uses.keys()]).then(function (keys) {
      var pages = Object.create(null), used = Object.create(null);
      keys[1].forEach(function (request) { pages[request.url] = true; });
      return Promise.all(keys[1].map(function (request) {
        return uses.match(request).then(function (found) { return found ? found.json() : []; }).then(function (files) {
          if (!Array.isArray(files)) return;
          files.forEach(function (url) { used[url] = true; });
        });
      })).then(function () {
        return Promise.all(keys[0].map(function (request) {
          return cache.match(request).then(function (found) {
            var html = found && /^text\/html/.test(found.headers.get("Content-Type") || "");
            return { request: request, page: html };
          });
        }));
      }).then(function (entries) {
        // a page's copy is kept under the address it was asked by, #fragment and all
        if (entries.some(function (e) { return e.page && !pages[page(e.request.url)]; })) return null; // a page's uses unknown
        return Promise.all(entries.map(function (e) {
          if (e.page || used[page(e.request.url)]) return null;
          return cache.delete(e.request);
        }));
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (!kept(request)) return; // the browser fetches it as if there were no worker
  event.respondWith(
    fetch(request).then(
      function (response) {
        var copy = response.clone();
        event.waitUntil(caches.open(KEPT).then(function (cache) { return keep(cache, request, copy); }).catch(function () {}));
        return response;
      },
      function (failure) {
        return caches.match(request, { cacheName: KEPT }).then(function (found) {
          if (found) return found;
          throw failure;
        });
      }
    )
  );
});
