// WCAG 2.4.11 Focus Not Obscured: Material opens its search layer when the search box gets focus
// and leaves it open when Tab moves on, so the next links are focused under it. Close the search
// when focus moves to anything outside it (as Material's own Escape key does).
(function () {
  "use strict";
  document.addEventListener("focusin", function (event) {
    var toggle = document.querySelector("input[data-md-toggle=search]");
    var search = document.querySelector(".md-search");
    if (toggle && toggle.checked && search && !search.contains(event.target)) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
  });
})();
