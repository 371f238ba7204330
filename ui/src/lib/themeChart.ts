// The stacked "reflections touching each theme" chart (per month or quarter), drawn with Chart.js (bundled,
// only the pieces a stacked bar chart needs). Colours and type come from app.css; the
// data is shaped in growth.ts. Chart.js sizes the canvas through the CSSOM, which the
// app's `style-src 'self'` policy allows.

import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { axisLabels, periodName, segmentQuery, themeColourVar, type ThemeChart } from "./growth";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const cssVar = (name: string, fallback: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

function chartData(data: ThemeChart) {
  const accent = cssVar("--accent", "#005eb8");
  return {
    // Every year is named on the axis (under its first period), so months never repeat ambiguously.
    labels: axisLabels(data.periods),
    datasets: data.series.map((s) => ({
      label: s.label,
      data: s.data,
      backgroundColor: cssVar(themeColourVar(s.theme), accent),
      borderColor: cssVar("--card", "#ffffff"),
      borderWidth: { top: 1 },
      borderSkipped: "bottom" as const,
    })),
  };
}

/** Draws `data` on `canvas`; clicking a segment calls `open` with its search. */
export function drawThemeChart(canvas: HTMLCanvasElement, initial: ThemeChart, open: (query: string) => void) {
  let data = initial;
  const ink = cssVar("--ink", "#1d2433");
  const muted = cssVar("--muted", "#4a5568");
  const line = cssVar("--line", "#d8dde6");
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily || Chart.defaults.font.family;
  const still = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  const chart = new Chart(canvas, {
    type: "bar",
    data: chartData(data),
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: still ? false : { duration: 250 },
      color: muted,
      scales: {
        // No auto-skipping: it could drop the very labels that carry the year.
        x: { stacked: true, grid: { display: false }, ticks: { color: muted, autoSkip: false, maxRotation: 0 }, border: { color: line } },
        y: { stacked: true, beginAtZero: true, ticks: { color: muted, precision: 0 }, grid: { color: line }, border: { display: false } },
      },
      plugins: {
        legend: { position: "top", labels: { color: ink, boxWidth: 12, boxHeight: 12 } },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? periodName(data.periods[items[0].dataIndex] ?? "") : ""),
            footer: () => "Click to open in search",
          },
        },
      },
      onHover: (_event, elements) => {
        canvas.style.cursor = elements.length ? "pointer" : "default";
      },
      onClick: (_event, elements) => {
        const hit = elements[0];
        const query = hit ? segmentQuery(data, hit.datasetIndex, hit.index) : null;
        if (query) open(query);
      },
    },
  });
  return {
    update(next: ThemeChart) {
      data = next;
      chart.data = chartData(next);
      chart.update();
    },
    destroy() {
      chart.destroy();
    },
  };
}
