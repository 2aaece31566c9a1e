// Copy buttons for finding links, citations and embed code. The buttons are hidden in the HTML
// and shown only here, so readers without JavaScript never see a button that does nothing; the
// permalink itself and the code to copy are always there as plain links and text.
(function () {
  "use strict";

  function status() {
    var region = document.getElementById("report-copy-status");
    if (!region) {
      region = document.createElement("p");
      region.id = "report-copy-status";
      region.className = "report-visually-hidden";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    return region;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // file:// pages are not a secure context: fall back to a selected, off-screen text area.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "report-visually-hidden";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function textFor(button) {
    var id = button.getAttribute("data-copy-link");
    if (id) {
      var url = new URL(window.location.href);
      url.hash = id;
      return url.href;
    }
    var code = button.parentElement.querySelector("code");
    return code ? code.textContent : "";
  }

  document.querySelectorAll("button.report-copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = textFor(button);
      button.setAttribute("data-copied-text", text);
      copyText(text).then(function () {
        status().textContent = "";
        // A fresh text node makes screen readers announce the message again on a second copy.
        window.setTimeout(function () {
          status().textContent = button.getAttribute("data-copied");
        }, 50);
      });
    });
  });
})();
