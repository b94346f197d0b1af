// Fairness page: one bar chart per dimension, from the figures the page carries in #fairness-charts. In a
// right-to-left page the groups run from the right and the scale stands on the right.
(function () {
  "use strict";
  var source = document.getElementById("fairness-charts");
  if (!window.Chart || !source) { return; }
  var charts = JSON.parse(source.textContent);
  var colours = ["#1f5fa8", "#2a9d8f", "#e9a03b", "#a11"];
  var rtl = document.documentElement.dir === "rtl";
  var direction = { rtl: rtl, textDirection: rtl ? "rtl" : "ltr" };
  Object.keys(charts).forEach(function (dimension) {
    var canvas = document.getElementById("chart-" + dimension);
    if (!canvas) { return; }
    var data = charts[dimension];
    data.datasets.forEach(function (set, i) { set.backgroundColor = colours[i % colours.length]; });
    new window.Chart(canvas, {type: "bar", data: data, options: {responsive: true, maintainAspectRatio: false,
      plugins: {legend: direction, tooltip: direction},
      scales: {x: {reverse: rtl}, y: {min: 0, max: 1, position: rtl ? "right" : "left", ticks: {format: {style: "percent"}}}}}});
  });
})();
