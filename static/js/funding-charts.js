/* District report charts: data comes from the page's json_script element "district-chart-data". */
(function () {
  "use strict";
  var source = document.getElementById("district-chart-data");
  if (!source || typeof window.Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var lang = document.documentElement.lang || "lt";
  var money = new Intl.NumberFormat(lang === "en" ? "en-GB" : "lt-LT", { style: "currency", currency: "EUR" });
  var planned = data.series.planned;
  var used = data.series.used;

  function draw(id, chart, horizontal) {
    var canvas = document.getElementById(id);
    if (!canvas || !chart.labels.length) { return; }
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: [
          { label: planned, data: chart.planned, backgroundColor: "rgba(13, 110, 253, 0.35)", borderColor: "#0d6efd", borderWidth: 1 },
          { label: used, data: chart.used, backgroundColor: "rgba(25, 135, 84, 0.7)", borderColor: "#198754", borderWidth: 1 }
        ]
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ": " + money.format(ctx.raw); } } }
        },
        scales: horizontal ? { x: { beginAtZero: true } } : { y: { beginAtZero: true } }
      }
    });
  }

  draw("chart-kinds", data.kinds, false);
  draw("chart-schools", data.organisations, true);
}());
