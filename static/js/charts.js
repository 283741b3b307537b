// Draws every <canvas data-chart="ID"> from the JSON in <script id="ID" type="application/json">.
// The numbers are always in a table beside the chart; lines differ by dash and point style,
// so nothing depends on colour alone.
(function () {
  var COLOURS = ["#0b4f6c", "#b4462b", "#2f7d32", "#6a3d9a", "#8a6d00", "#444444"];
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 1], [12, 6]];
  var POINTS = ["circle", "rect", "triangle", "rectRot", "star", "crossRot"];

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || typeof Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    var datasets = spec.datasets.map(function (dataset, index) {
      var colour = COLOURS[index % COLOURS.length];
      return Object.assign({
        borderColor: colour,
        backgroundColor: spec.type === "line" ? colour : colour + "cc",
        borderDash: spec.type === "line" ? DASHES[index % DASHES.length] : [],
        pointStyle: POINTS[index % POINTS.length],
        pointRadius: 4,
        borderWidth: 2
      }, dataset);
    });
    new Chart(canvas, {
      type: spec.type || "bar",
      data: { labels: spec.labels, datasets: datasets },
      options: Object.assign({
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { labels: { usePointStyle: true } } },
        scales: spec.type === "pie" || spec.type === "doughnut" ? {} : { y: { beginAtZero: true } }
      }, spec.options || {})
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
