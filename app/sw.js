// Ons Plan's service worker: keeps this build's app shell (page, wasm, JS, icons, manifest) in
// a cache named after the shell's content, so a repeat visit loads no app code from the
// network. Each screen's own code (SCREENS) is kept once that screen has been opened: a phone
// on prepaid data never downloads screens its owner does not use. `cargo xtask build-web`
// fills in CACHE, SHELL and SCREENS. API calls (/api/) are never touched: they go to the
// network as if there were no worker.
//
// A new build is installed in the background and waits; it takes over when every page of the
// old one is closed (the next start of the app), never in the middle of someone's edit. Its
// activation deletes the caches of older builds.
"use strict";

const CACHE = "{{CACHE}}";
const SHELL = {{SHELL}};
const SCREENS = {{SCREENS}};
const PREFIX = "onsplan-shell-";

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(SHELL.map(function (url) {
      // Hashed assets may come from the HTTP cache (the page just loaded them); the page and
      // the manifest are asked for again.
      var fresh = url.indexOf("/assets/") === 0 ? "default" : "no-cache";
      return fetch(url, {cache: fresh}).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return cache.put(url, response);
      });
    }));
  }).then(function () {
    // The screens this page has opened already are in the browser's HTTP cache: kept too,
    // without asking the network.
    return keepScreens({cache: "only-if-cached", mode: "same-origin"});
  }).then(function () {
    // The page must be the one of this build: a deploy during the install would pair it with
    // other assets. Then this worker fails to install and the next visit tries again.
    return caches.open(CACHE).then(function (cache) { return cache.match("/"); });
  }).then(function (page) { return page.text(); }).then(function (html) {
    // The glue and the main wasm, which the page names (the loader script and the snippets
    // are named by the glue).
    var assets = SHELL.filter(function (url) { return url.indexOf("/assets/onsplan_app-") === 0; });
    assets.forEach(function (url) {
      if (html.indexOf(url) < 0) throw new Error("the page is of another build: " + url);
    });
  }).catch(function (error) {
    return caches.delete(CACHE).then(function () { throw error; });
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  var path = url.pathname;
  if (path === "/api" || path.indexOf("/api/") === 0 || path === "/healthz") return;
  if (request.mode === "navigate") {
    // Every address of the app is the same page; files with an extension are not the app.
    if (/\.[a-z0-9]+$/i.test(path)) return;
    event.respondWith(fromShell("/", request));
    return;
  }
  if (SCREENS.indexOf(path) >= 0) {
    event.respondWith(keptScreen(path, request));
    return;
  }
  if (SHELL.indexOf(path) < 0) return;
  event.respondWith(fromShell(path, request));
});

// On a phone its owner marked as their own (app/src/device.rs), every screen is kept at once,
// so that a screen never opened before also opens without a signal.
self.addEventListener("message", function (event) {
  if (event.data === "keep-every-screen") event.waitUntil(keepScreens({}));
});

// Keeps every screen not kept yet that `fetch(url, init)` answers; a screen it cannot get
// stays as it was.
function keepScreens(init) {
  return caches.open(CACHE).then(function (cache) {
    return Promise.all(SCREENS.map(function (url) {
      return cache.match(url).then(function (kept) {
        if (kept) return;
        return fetch(url, init).then(function (response) {
          if (response.ok) return cache.put(url, response);
        });
      }).catch(function () {});
    }));
  });
}

function keptScreen(path, request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(path, {ignoreSearch: true, ignoreVary: true}).then(function (kept) {
      return kept || fetch(request).then(function (response) {
        if (response.ok) cache.put(path, response.clone());
        return response;
      });
    });
  });
}

function fromShell(key, request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(key, {ignoreSearch: true, ignoreVary: true});
  }).then(function (cached) { return cached || fetch(request); });
}
