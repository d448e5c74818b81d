// Results charts: draws each <canvas data-chart="name"> from the numbers the page carries in
// <script id="results-charts" type="application/json"> (Django's json_script).
// Without JavaScript, or if Chart.js fails to load, the chart boxes stay hidden and the tables of
// numbers beside them show instead. Once a chart is drawn its table is kept for screen readers.
(function () {
  "use strict";
  const source = document.getElementById("results-charts");
  if (!source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);

  const root = getComputedStyle(document.documentElement);
  const ink = root.getPropertyValue("--bs-body-color").trim() || "#212529";
  const bandColours = [0, 1, 2, 3, 4].map(function (band) {
    return root.getPropertyValue("--results-bar-" + band).trim();
  });
  const font = getComputedStyle(document.body).fontFamily;

  Chart.defaults.font.family = font;
  Chart.defaults.font.size = 13;
  Chart.defaults.color = "#495057"; // axis text: 7.5:1 on white
  Chart.defaults.maintainAspectRatio = false;
  if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
    Chart.defaults.animation = false;
  }

  function percent(value) {
    return value === null ? "–" : value + "%";
  }

  function colourOf(band) {
    return band === null ? "#6c757d" : bandColours[band];
  }

  // Prints each bar's number at its end, so length and colour are never the only signal.
  function barLabels(format) {
    return {
      id: "barLabels",
      afterDatasetsDraw: function (chart) {
        const ctx = chart.ctx;
        const values = chart.data.datasets[0].data;
        const sideways = chart.options.indexAxis === "y";
        ctx.save();
        ctx.font = "600 12px " + font;
        ctx.textAlign = sideways ? "left" : "center";
        ctx.textBaseline = sideways ? "middle" : "bottom";
        chart.getDatasetMeta(0).data.forEach(function (bar, index) {
          const text = format(values[index]);
          const x = sideways ? Math.max(bar.x, bar.base) + 4 : bar.x;
          const y = sideways ? bar.y : Math.min(bar.y, bar.base) - 2;
          // A white patch behind the number keeps it readable where the average line crosses.
          const width = ctx.measureText(text).width;
          ctx.fillStyle = "#fff";
          if (sideways) ctx.fillRect(x - 2, y - 8, width + 4, 16);
          else ctx.fillRect(x - width / 2 - 2, y - 15, width + 4, 15);
          ctx.fillStyle = ink;
          ctx.fillText(text, x, y);
        });
        ctx.restore();
      },
    };
  }

  // A dashed line across the chart at the class average, labelled above the plot.
  function averageLine(average) {
    return {
      id: "averageLine",
      afterDatasetsDraw: function (chart) {
        if (average === null) return;
        const ctx = chart.ctx;
        const area = chart.chartArea;
        const x = chart.scales.x.getPixelForValue(average);
        const label = "Class average " + average + "%";
        ctx.save();
        ctx.strokeStyle = ink;
        ctx.lineWidth = 2;
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        ctx.moveTo(x, area.top - 4);
        ctx.lineTo(x, area.bottom);
        ctx.stroke();
        ctx.fillStyle = ink;
        ctx.font = "600 12px " + font;
        ctx.textBaseline = "bottom";
        // Keep the label inside the canvas whichever end of the scale the line is near.
        const width = ctx.measureText(label).width;
        ctx.textAlign = x + width / 2 > chart.width ? "right" : x - width / 2 < 0 ? "left" : "center";
        ctx.fillText(label, x, area.top - 6);
        ctx.restore();
      },
    };
  }

  const builders = {
    distribution: function (chart) {
      return {
        type: "bar",
        data: {
          labels: chart.labels,
          datasets: [
            {
              label: "Students",
              data: chart.values,
              backgroundColor: chart.bands.map(colourOf),
            },
          ],
        },
        options: {
          layout: { padding: { top: 20 } },
          plugins: {
            legend: { display: false },
            tooltip: {
              callbacks: {
                label: function (item) {
                  return item.raw + (item.raw === 1 ? " student" : " students");
                },
              },
            },
          },
          scales: {
            x: { title: { display: true, text: "Score" }, grid: { display: false } },
            y: {
              beginAtZero: true,
              ticks: { precision: 0 },
              title: { display: true, text: "Students" },
            },
          },
        },
        plugins: [barLabels(String)],
      };
    },

    facility: function (chart) {
      return {
        type: "bar",
        data: {
          labels: chart.labels,
          datasets: [
            {
              label: "Right",
              data: chart.values,
              backgroundColor: chart.bands.map(colourOf),
              maxBarThickness: 28,
            },
          ],
        },
        options: {
          indexAxis: "y", // one row per question: long quizzes and narrow phones both fit
          layout: { padding: { top: 22, right: 40 } },
          plugins: {
            legend: { display: false },
            tooltip: {
              callbacks: {
                label: function (item) {
                  return percent(item.raw) + " right";
                },
              },
            },
          },
          scales: {
            x: {
              min: 0,
              max: 100,
              ticks: { callback: percent, stepSize: 20 },
              title: { display: true, text: "Right" },
            },
            y: { grid: { display: false } },
          },
        },
        plugins: [averageLine(chart.average), barLabels(percent)],
      };
    },
  };

  // The facility chart grows with the quiz: about 28 px a question plus room for the axes.
  const heights = {
    facility: function (chart) {
      return Math.max(160, chart.labels.length * 28 + 90) + "px";
    },
  };

  const charts = [];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    const name = canvas.dataset.chart;
    if (!data[name] || !builders[name]) return;
    const figure = canvas.closest(".results-chart");
    const box = canvas.parentElement;
    if (heights[name]) box.style.height = heights[name](data[name]);
    box.hidden = false;
    try {
      charts.push(new Chart(canvas, builders[name](data[name])));
    } catch (error) {
      box.hidden = true; // the table of numbers is still there
      throw error;
    }
    figure.querySelectorAll(".chart-key").forEach(function (key) {
      key.hidden = false;
    });
    figure.classList.add("is-drawn");
  });

  // Print styles change the boxes' sizes; Chart.js only notices if told (see its docs on printing).
  ["beforeprint", "afterprint"].forEach(function (event) {
    window.addEventListener(event, function () {
      charts.forEach(function (chart) {
        chart.resize();
      });
    });
  });
})();
