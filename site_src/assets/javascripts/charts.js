// Each chart is first the static SVG drawn at build time, painted with the page. The chart runtime
// (vega-bundle.js, Vega and vega-embed, about 300 KB gzipped) loads only when a reader reaches for
// a chart: the first pointer over it, focus in it, or a key pressed in it. Then that chart's
// interactive Vega view (tooltips) takes the static image's place in the same box, in the colours
// of Material's current scheme, and is drawn again when the reader toggles light/dark.
// The specs (light and dark) and the number locale come from a JSON block written at build time.
// If the view cannot start (no script bundle, an error), the
// static SVG simply stays: the reader still sees the chart and its data table.
(function () {
  "use strict";

  // The runtime sits beside this script: works over HTTP and from file:// in the offline bundle.
  var here = document.currentScript && document.currentScript.src;
  var RUNTIME = "vega-bundle.js";
  var runtime = null;

  function loadScript(name) {
    return new Promise(function (resolve, reject) {
      if (!here) {
        reject(new Error("chart runtime: no address"));
        return;
      }
      var script = document.createElement("script");
      script.src = new URL(name, here).href;
      script.onload = resolve;
      script.onerror = function () {
        reject(new Error("chart runtime: " + name + " not loaded"));
      };
      document.head.appendChild(script);
    });
  }

  function loadRuntime() {
    if (!runtime) {
      runtime = typeof window.vegaEmbed === "function"
        ? Promise.resolve()
        : loadScript(RUNTIME).then(function () {
            performance.mark("report-runtime-loaded"); // read by the benchmark
            if (typeof window.vegaEmbed !== "function") {
              throw new Error("chart runtime: vegaEmbed missing");
            }
          });
    }
    return runtime;
  }

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

  function countDone() {
    var done = document.querySelectorAll(
      'figure.report-chart[data-chart-state="interactive"], figure.report-chart[data-chart-state="static"]'
    ).length;
    document.documentElement.setAttribute("data-charts-drawn", String(done));
  }

  function drawChart(figure, theme) {
    var specBlock = figure.querySelector("script.report-chart__spec");
    var view = figure.querySelector(".report-chart__view");
    if (!specBlock || !view || typeof window.vegaEmbed !== "function") {
      return Promise.reject(new Error("chart: nothing to draw"));
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
          // Chart expressions evaluated by the expression interpreter inside vega-bundle.js (which
          // vega-embed takes when given `ast` and no `expr`) instead of compiled with Function(),
          // which the site's Content Security Policy (no 'unsafe-eval') refuses.
          ast: true,
        });
      })
      .then(function () {
        if (theme !== currentTheme()) {
          return drawChart(figure, currentTheme()); // the reader toggled the scheme meanwhile
        }
        // The static images stay in the page, hidden by CSS, for printing and as the fallback.
        // Appended and shown in one task: no frame paints both or neither.
        var old = view.querySelector(".report-chart__interactive");
        if (old) {
          old.remove();
        }
        view.appendChild(target);
        figure.setAttribute("data-chart-state", "interactive");
        figure.setAttribute("data-chart-theme", theme);
        // Read by the benchmark: time from the reader's first touch to the chart drawn.
        performance.mark("report-chart-drawn");
      });
  }

  // A reader reaches for a chart: load the runtime (once) and draw this chart.
  function activate(figure) {
    if (figure.hasAttribute("data-chart-state")) {
      return; // already drawn, being drawn, or known not to work
    }
    figure.setAttribute("data-chart-state", "loading");
    performance.mark("report-chart-reached");
    loadRuntime()
      .then(function () {
        return drawChart(figure, currentTheme());
      })
      .catch(function () {
        figure.setAttribute("data-chart-state", "static");
      })
      .then(countDone);
  }

  function onReach(event) {
    var target = event.target;
    var figure = target && target.closest ? target.closest("figure.report-chart") : null;
    if (figure) {
      activate(figure);
    }
  }

  function start() {
    // pointerover bubbles (pointerenter does not), so one listener serves every chart; focusin
    // and keydown cover the keyboard (the data disclosure and the download link are in the figure).
    ["pointerover", "focusin", "keydown"].forEach(function (type) {
      document.addEventListener(type, onReach, { passive: true });
    });
    document.documentElement.setAttribute("data-charts-ready", String(document.querySelectorAll("figure.report-chart").length));
    // Material's palette toggle sets data-md-color-scheme on <body>: redraw the interactive charts.
    new MutationObserver(function () {
      var theme = currentTheme();
      var drawn = document.querySelectorAll('figure.report-chart[data-chart-state="interactive"]');
      Promise.all(
        Array.prototype.map.call(drawn, function (figure) {
          if (figure.getAttribute("data-chart-theme") === theme) {
            return null;
          }
          return drawChart(figure, theme).catch(function () {});
        })
      ).then(function () {
        if (theme === currentTheme()) {
          document.documentElement.setAttribute("data-charts-theme", theme);
        }
      });
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    document.documentElement.setAttribute("data-charts-theme", currentTheme());
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
