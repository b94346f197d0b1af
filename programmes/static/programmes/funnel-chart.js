// Programme page: the outcome funnel as a horizontal bar chart, from #funnel-data; the series label comes from
// the canvas's data-label (translated by the template).
(function () {
  "use strict";
  var source = document.getElementById("funnel-data");
  var canvas = document.getElementById("funnel-chart");
  if (!window.Chart || !canvas || !source) { return; }
  var data = JSON.parse(source.textContent);
  window.funnelChart = new window.Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: [{ label: canvas.dataset.label || "", data: data.values, backgroundColor: "#1f5fa8" }] },
    options: { indexAxis: "y", maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
})();
