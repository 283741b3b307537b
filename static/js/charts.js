// Draws every <canvas data-chart="ID"> from the JSON in <script id="ID" type="application/json">.
// The numbers are always in a table beside the chart; lines differ by dash and point style,
// bars and slices by fill pattern (solid, stripes, dots, cross-hatch), so nothing depends on
// colour alone.
(function () {
  var COLOURS = ["#0b4f6c", "#b4462b", "#2f7d32", "#6a3d9a", "#8a6d00", "#444444"];
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 1], [12, 6]];
  var POINTS = ["circle", "rect", "triangle", "rectRot", "star", "crossRot"];

  // A fill of `colour` with the pattern number `index` (0 = solid), for bars and slices.
  function fill(colour, index) {
    var kind = index % 4;
    if (kind === 0) { return colour; }
    var tile = document.createElement("canvas");
    tile.width = tile.height = 8;
    var pen = tile.getContext("2d");
    pen.fillStyle = "#ffffff";
    pen.fillRect(0, 0, 8, 8);
    pen.strokeStyle = pen.fillStyle = colour;
    pen.lineWidth = 2;
    if (kind === 1) {            // diagonal stripes
      pen.beginPath(); pen.moveTo(0, 8); pen.lineTo(8, 0); pen.moveTo(-2, 2); pen.lineTo(2, -2);
      pen.moveTo(6, 10); pen.lineTo(10, 6); pen.stroke();
    } else if (kind === 2) {     // dots
      pen.beginPath(); pen.arc(4, 4, 2, 0, 2 * Math.PI); pen.fill();
    } else {                     // cross-hatch
      pen.beginPath(); pen.moveTo(0, 4); pen.lineTo(8, 4); pen.moveTo(4, 0); pen.lineTo(4, 8);
      pen.stroke();
    }
    return pen.createPattern(tile, "repeat");
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || typeof Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    var slices = spec.type === "pie" || spec.type === "doughnut";
    var datasets = spec.datasets.map(function (dataset, index) {
      var colour = COLOURS[index % COLOURS.length];
      var background = spec.type === "line" ? colour : fill(colour, index);
      if (slices) {
        background = spec.labels.map(function (label, slice) {
          return fill(COLOURS[slice % COLOURS.length], slice);
        });
      }
      return Object.assign({
        borderColor: slices ? "#ffffff" : colour,
        backgroundColor: background,
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
