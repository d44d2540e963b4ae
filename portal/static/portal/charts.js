/*
 * Draws every <canvas data-config="ID"> with Chart.js from the JSON that the
 * server rendered into <script id="ID" type="application/json">, and wires
 * the PNG download buttons. The server decides every number and label; this
 * file only draws. A null value is a period that was not loaded: it stays a
 * gap (spanGaps: false), never a zero.
 */
(function () {
  "use strict";

  var COLOURS = ["#0b5cad", "#d95f02", "#1b9e77", "#7570b3", "#e7298a",
    "#66a61e", "#a6761d", "#666666", "#1f78b4", "#b15928"];
  // Line styles and point shapes differ too, so colour is not the only cue.
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
  var POINTS = ["circle", "triangle", "rect", "rectRot", "star", "crossRot"];

  // Paint a white background so a downloaded PNG is not transparent.
  var whiteBackground = {
    id: "whiteBackground",
    beforeDraw: function (chart) {
      var ctx = chart.ctx;
      ctx.save();
      ctx.globalCompositeOperation = "destination-over";
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    }
  };

  function formatter(locale) {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  }

  // A period whose data is not complete yet is drawn hollow, paler and
  // dashed, so a partial year never reads as a fall.
  function dataset(spec, source, index) {
    var colour = COLOURS[index % COLOURS.length];
    var line = spec.type === "line";
    var partial = function (at) { return source.incomplete[at]; };
    return {
      label: source.label,
      data: source.data,
      ids: source.ids,
      incomplete: source.incomplete,
      borderColor: colour,
      backgroundColor: line ? colour : function (ctx) {
        return colour + (partial(ctx.dataIndex) ? "44" : "cc");
      },
      pointBackgroundColor: function (ctx) {
        return partial(ctx.dataIndex) ? "#ffffff" : colour;
      },
      borderWidth: spec.sparkline ? 1.5 : 2,
      borderDash: line ? DASHES[index % DASHES.length] : undefined,
      segment: line ? {
        borderDash: function (ctx) {
          return partial(ctx.p1DataIndex) ? [3, 3] : undefined;
        }
      } : undefined,
      pointStyle: POINTS[index % POINTS.length],
      pointRadius: spec.sparkline ? 1.5 : 3,
      spanGaps: false
    };
  }

  function tooltipLabel(spec, numbers) {
    return function (item) {
      var text = item.dataset.label + ": " + numbers.format(item.parsed.y);
      if (spec.unit) { text += " " + spec.unit; }
      if (item.dataset.incomplete[item.dataIndex]) {
        text += " (" + spec.incompleteLabel + ")";
      }
      return text;
    };
  }

  function openValue(spec) {
    return function (event, elements, chart) {
      if (!elements.length || !spec.valueUrl) { return; }
      var hit = elements[0];
      var id = chart.data.datasets[hit.datasetIndex].ids[hit.index];
      if (id) { window.location.href = spec.valueUrl.replace(/0\/$/, id + "/"); }
    };
  }

  function sparklineOptions() {
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      events: [],
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
      scales: { x: { display: false }, y: { display: false } }
    };
  }

  function chartOptions(spec) {
    var numbers = formatter(spec.locale);
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      onClick: openValue(spec),
      plugins: {
        legend: { position: "bottom", labels: { usePointStyle: true } },
        tooltip: { callbacks: { label: tooltipLabel(spec, numbers) } }
      },
      scales: {
        x: { stacked: spec.stacked },
        y: {
          stacked: spec.stacked,
          beginAtZero: true,
          title: { display: Boolean(spec.unit), text: spec.unit },
          ticks: { callback: function (value) { return numbers.format(value); } }
        }
      }
    };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.config);
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (item, index) {
          return dataset(spec, item, index);
        })
      },
      options: spec.sparkline ? sparklineOptions() : chartOptions(spec),
      plugins: [whiteBackground]
    });
  }

  function downloadPng(button) {
    var chart = Chart.getChart(document.getElementById(button.dataset.pngFor));
    if (!chart) { return; }
    var link = document.createElement("a");
    link.href = chart.toBase64Image("image/png", 1);
    link.download = button.dataset.filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  document.querySelectorAll("canvas[data-config]").forEach(draw);
  document.querySelectorAll("button[data-png-for]").forEach(function (button) {
    button.addEventListener("click", function () { downloadPng(button); });
  });
})();
