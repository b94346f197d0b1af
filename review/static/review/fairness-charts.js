// Fairness page: one bar chart per dimension, from the figures the page carries in #fairness-charts.
(function () {
  "use strict";
  var source = document.getElementById("fairness-charts");
  if (!window.Chart || !source) { return; }
  var charts = JSON.parse(source.textContent);
  var colours = ["#1f5fa8", "#2a9d8f", "#e9a03b", "#a11"];
  Object.keys(charts).forEach(function (dimension) {
    var canvas = document.getElementById("chart-" + dimension);
    if (!canvas) { return; }
    var data = charts[dimension];
    data.datasets.forEach(function (set, i) { set.backgroundColor = colours[i % colours.length]; });
    new window.Chart(canvas, {type: "bar", data: data, options: {responsive: true, maintainAspectRatio: false,
      scales: {y: {min: 0, max: 1, ticks: {format: {style: "percent"}}}}}});
  });
})();
