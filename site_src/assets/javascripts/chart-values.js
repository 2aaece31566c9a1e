// Chart values by keyboard: each chart's list of values (written at build time, see
// hooks/reportsite/chart_values.py) becomes one tab stop; the arrow keys, Home and End move from
// value to value, and the focused value shows beside the chart as the tooltip does. Independent of
// the Vega runtime: it works whether or not the interactive chart has loaded.
(function () {
  "use strict";

  function wire(list) {
    var items = Array.prototype.slice.call(list.querySelectorAll(".report-chart__value"));
    if (!items.length) {
      return;
    }
    items.forEach(function (item, i) {
      item.setAttribute("tabindex", i === 0 ? "0" : "-1");
    });
    list.addEventListener("keydown", function (event) {
      var current = items.indexOf(document.activeElement);
      if (current < 0) {
        return;
      }
      var next = current;
      switch (event.key) {
        case "ArrowDown":
        case "ArrowRight":
          next = Math.min(current + 1, items.length - 1);
          break;
        case "ArrowUp":
        case "ArrowLeft":
          next = Math.max(current - 1, 0);
          break;
        case "Home":
          next = 0;
          break;
        case "End":
          next = items.length - 1;
          break;
        default:
          return;
      }
      event.preventDefault();
      items[current].setAttribute("tabindex", "-1");
      items[next].setAttribute("tabindex", "0");
      items[next].focus();
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".report-chart__value-list"), wire);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
