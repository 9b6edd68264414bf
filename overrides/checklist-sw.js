/* checklist-site: the runbooks read stay readable without a network (registered by assets/javascripts/checklist.js
   on a page with commands, a runbook or the rollback procedure, for that page's folder alone).

   The on-call engineer opens a runbook, goes down to a basement with no signal, switches to a terminal to paste a
   command, and the phone's browser reloads the tab: without this, "No internet" instead of the command. Network
   first, always: every page and every file is asked of the site, and a copy of what it answered is kept; only when
   the site cannot be reached at all (no network, the server down) is the kept copy shown. So a reader online never
   sees a page older than the site's, and offline sees the last one read. Only pages and what they load (scripts,
   styles, images, fonts) of this site are kept, GET only: recordings, the meeting's live line and the search index
   go to the network as before, untouched. */
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

/* The first page read came before the worker: the page names itself and what it loaded, kept from the network now. */
self.addEventListener("message", function (event) {
  var urls = event.data && event.data.keep;
  if (!Array.isArray(urls)) return;
  event.waitUntil(caches.open(KEPT).then(function (cache) {
    return Promise.all(urls.map(function (url) {
      var request = new Request(url);
      if (new URL(url).origin !== self.location.origin) return null;
      return fetch(request).then(function (response) { return keep(cache, request, response); }).catch(function () {});
    }));
  }));
});

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
