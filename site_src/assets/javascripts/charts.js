// Draws each chart's interactive Vega view over its static SVG.
// The spec and the number locale come from a JSON block written at build time. If the view
// cannot start (no script bundle, a strict Content Security Policy, an error), the static SVG
// simply stays: the reader still sees the chart and its data table.
(function () {
  "use strict";

  function drawChart(figure) {
    var specBlock = figure.querySelector("script.report-chart__spec");
    var view = figure.querySelector(".report-chart__view");
    if (!specBlock || !view || typeof window.vegaEmbed !== "function") {
      return Promise.resolve();
    }
    var payload = JSON.parse(specBlock.textContent);
    var target = document.createElement("div");
    target.className = "report-chart__interactive";
    return window
      .vegaEmbed(target, payload.spec, {
        renderer: "svg",
        actions: false,
        formatLocale: payload.formatLocale,
        // No <style> elements injected at run time, so that a strict style-src holds; the
        // tooltip's look is in site.css.
        defaultStyle: false,
        tooltip: { disableDefaultStyle: true },
      })
      .then(function () {
        view.replaceChildren(target);
        figure.setAttribute("data-chart-state", "interactive");
      })
      .catch(function () {
        figure.setAttribute("data-chart-state", "static");
      });
  }

  function drawAll() {
    var figures = document.querySelectorAll("figure.report-chart");
    Promise.all(Array.prototype.map.call(figures, drawChart)).then(function () {
      document.documentElement.setAttribute("data-charts-drawn", String(figures.length));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
