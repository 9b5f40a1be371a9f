// chart.js with only what the unit profile's trend chart draws (lines over periods). TrendChart.svelte
// imports this module when the chart scrolls into view, so no public page waits for the library.

import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export { Chart };
