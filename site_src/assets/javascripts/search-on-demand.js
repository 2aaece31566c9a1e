// Search loads when a reader reaches for it, not with every page. Material starts its search on
// every page load: it creates the search worker (about 12 KB gzipped, which then loads lunr's
// language files) and requests search/search_index.json, whether or not the reader ever searches.
// Here both wait for the reader's first move towards the search: a pointer over it, a touch, or
// focus in it (the search box, or Material's keys /, s and f, which focus it). Material's own code
// runs unchanged; it just talks to a worker that starts late. What this relies on in Material
// (`new Worker` for workers/search.*.js, an XMLHttpRequest for the index) is checked against the
// installed Material by tests/test_search_on_demand.py.
// Loaded before Material's bundle, and after the offline bundle's iframe-worker shim, whose Worker
// it wraps in the same way.
(function () {
  "use strict";
  var reached = false;
  var waiting = [];

  function whenReached(start) {
    if (reached) start(); else waiting.push(start);
  }

  function reach() {
    if (reached) return;
    reached = true;
    waiting.splice(0).forEach(function (start) { start(); });
    if (window.performance && performance.mark) performance.mark("report-search-reached");
  }

  var SearchWorker = /\/workers\/search\.[^/]*\.js$/;
  var RealWorker = window.Worker;
  if (RealWorker) {
    window.Worker = function (url, options) {
      if (!SearchWorker.test(String(url).split(/[?#]/)[0])) return new RealWorker(url, options);
      var real = null, messages = [], listeners = [];
      whenReached(function () {
        real = new RealWorker(url, options);
        listeners.forEach(function (l) { real.addEventListener(l[0], l[1], l[2]); });
        messages.splice(0).forEach(function (m) { real.postMessage(m); });
      });
      return {
        postMessage: function (message) { if (real) real.postMessage(message); else messages.push(message); },
        addEventListener: function (type, listener, options) {
          if (real) real.addEventListener(type, listener, options); else listeners.push([type, listener, options]);
        },
        removeEventListener: function (type, listener, options) {
          if (real) real.removeEventListener(type, listener, options);
          listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== listener; });
        },
        terminate: function () { if (real) real.terminate(); else messages.length = 0; }
      };
    };
  }

  var SearchIndex = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.reportSearchIndex = SearchIndex.test(new URL(String(url), location.href).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.reportSearchIndex) return send.apply(request, args);
    whenReached(function () { send.apply(request, args); });
  };

  // A reader who arrives from a search result (Material adds ?h=the+words with search.highlight)
  // has reached for search already: Material marks the words on the page with the index's settings.
  if (new URL(location.href).searchParams.has("h")) reach();

  function inSearch(target) {
    return target instanceof Element && target.closest(".md-search, label[for='__search'], #__search") !== null;
  }
  ["pointerover", "pointerdown", "focusin", "touchstart"].forEach(function (type) {
    document.addEventListener(type, function (event) { if (inSearch(event.target)) reach(); },
                              { capture: true, passive: true });
  });
  document.addEventListener("change", function (event) {
    if (event.target instanceof Element && event.target.id === "__search") reach();
  }, true);
  // Material's keys that open the search (it focuses the search box, which the focusin above sees;
  // reaching here as well starts the index a moment earlier).
  document.addEventListener("keydown", function (event) {
    var field = event.target instanceof Element && event.target.closest("input, textarea, select, [contenteditable]");
    if (!field && !event.ctrlKey && !event.metaKey && !event.altKey && ["/", "s", "S", "f", "F"].indexOf(event.key) >= 0) reach();
  }, true);
  // A reader faster than the page: in the search box, or with the search open, before this ran.
  var toggle = document.getElementById("__search");
  if (inSearch(document.activeElement) || (toggle && toggle.checked)) reach();
})();
