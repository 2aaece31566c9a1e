// The globals iframe-worker-shim.js gives the search worker's iframe (offline bundle, file://): the
// same code the shim used to write inline into the iframe, loaded as a file so that the site's
// Content Security Policy (script-src 'self', no inline script) lets it run.
(() => {
  "use strict";
  const worker = document.currentScript.dataset.worker;
  // Material's search worker takes the first script[src] in its document for its own address.
  document.currentScript.remove();
  window.postMessage = (message, origin) => { parent.postMessage(message, origin || "*"); };
  window.importScripts = (...urls) => urls.reduce((done, url) => done.then(() => new Promise(resolve => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = resolve;
    document.body.appendChild(script);
  })), Promise.resolve());
  addEventListener("error", ({ error }) => {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error }));
  });
})();
