// Programme page: the outcome funnel as a horizontal bar chart, from #funnel-data; the series label comes from
// the canvas's data-label (translated by the template). In a right-to-left page the bars grow from the right.
(function () {
  "use strict";
  var source = document.getElementById("funnel-data");
  var canvas = document.getElementById("funnel-chart");
  if (!window.Chart || !canvas || !source) { return; }
  var data = JSON.parse(source.textContent);
  var rtl = document.documentElement.dir === "rtl";
  window.funnelChart = new window.Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: [{ label: canvas.dataset.label || "", data: data.values, backgroundColor: "#1f5fa8" }] },
    options: {
      indexAxis: "y", maintainAspectRatio: false,
      plugins: { legend: { display: false }, tooltip: { rtl: rtl, textDirection: rtl ? "rtl" : "ltr" } },
      scales: { x: { beginAtZero: true, reverse: rtl, ticks: { precision: 0 } }, y: { position: rtl ? "right" : "left" } }
    }
  });
})();
