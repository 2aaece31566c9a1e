// Draws each chart's interactive Vega view over its static SVG, in the colours of Material's
// current scheme, and draws it again when the reader toggles light/dark (no reload).
// The specs (light and dark) and the number locale come from a JSON block written at build time.
// If the view cannot start (no script bundle, a strict Content Security Policy, an error), the
// static SVG simply stays: the reader still sees the chart and its data table.
(function () {
  "use strict";

  function currentTheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
  }

  // Vega measures text to lay the chart out: it must measure with the site's typeface (the spec's
  // config.font, hooks/reportsite/fonts.py), so wait for its weights to load first. If they cannot
  // load, Vega measures and draws with the fallback alike, and labels still fit.
  var fontsLoaded = {};
  function fontsReady(spec) {
    var family = spec && spec.config && spec.config.font;
    if (!family || !document.fonts || typeof document.fonts.load !== "function") {
      return Promise.resolve();
    }
    if (!fontsLoaded[family]) {
      var name = JSON.stringify(family);
      fontsLoaded[family] = Promise.all([
        document.fonts.load("400 14px " + name),
        document.fonts.load("700 14px " + name),
      ]).catch(function () {});
    }
    return fontsLoaded[family];
  }

  function drawChart(figure, theme) {
    var specBlock = figure.querySelector("script.report-chart__spec");
    var view = figure.querySelector(".report-chart__view");
    if (!specBlock || !view || typeof window.vegaEmbed !== "function") {
      return Promise.resolve();
    }
    var payload = JSON.parse(specBlock.textContent);
    var target = document.createElement("div");
    target.className = "report-chart__interactive";
    return fontsReady(payload.spec)
      .then(function () {
        return window.vegaEmbed(target, theme === "dark" ? payload.darkSpec : payload.spec, {
          renderer: "svg",
          actions: false,
          formatLocale: payload.formatLocale,
          // No <style> elements injected at run time, so that a strict style-src holds; the
          // tooltip's look is in site.css.
          defaultStyle: false,
          tooltip: { disableDefaultStyle: true },
        });
      })
      .then(function () {
        if (theme !== currentTheme()) {
          return; // the reader toggled the scheme meanwhile; the newer drawing wins
        }
        // The static images stay in the page, hidden by CSS, for printing and as the fallback.
        var old = view.querySelector(".report-chart__interactive");
        if (old) {
          old.remove();
        }
        view.appendChild(target);
        figure.setAttribute("data-chart-state", "interactive");
        figure.setAttribute("data-chart-theme", theme);
        // Read by the benchmark: time from navigation start to each chart drawn.
        performance.mark("report-chart-drawn");
      })
      .catch(function () {
        figure.setAttribute("data-chart-state", "static");
      });
  }

  function drawAll() {
    var theme = currentTheme();
    var figures = document.querySelectorAll("figure.report-chart");
    return Promise.all(
      Array.prototype.map.call(figures, function (figure) {
        return drawChart(figure, theme);
      })
    ).then(function () {
      if (theme === currentTheme()) {
        document.documentElement.setAttribute("data-charts-drawn", String(figures.length));
        document.documentElement.setAttribute("data-charts-theme", theme);
      }
    });
  }

  function start() {
    drawAll();
    // Material's palette toggle sets data-md-color-scheme on <body>.
    new MutationObserver(function () {
      if (document.documentElement.getAttribute("data-charts-theme") !== currentTheme()) {
        drawAll();
      }
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  // A printout shows every data table: open the disclosures while printing, then restore them.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.filter.call(document.querySelectorAll("details.report-chart__data"), function (d) {
      return !d.open;
    });
    openedForPrint.forEach(function (d) {
      d.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) {
      d.open = false;
    });
    openedForPrint = [];
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
