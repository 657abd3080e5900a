// The ETL status chart: extraction lag (line) and rows per run (bars) over the last 24 hours,
// drawn as inline SVG by hand (no chart library, nothing fetched from elsewhere). Colours come
// from style.css classes: the page's CSP allows no inline style.
import { fmtDuration, fmtTs } from './common.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 960;
const LEFT = 64;
const RIGHT = 16;
const LAG = { top: 28, height: 110 };
const ROWS = { top: 178, height: 80 };
const H = ROWS.top + ROWS.height + 28;

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

const title = (text) => svg('title', {}, text);

/** A round upper bound for an axis (1, 2 or 5 × a power of ten). */
function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= v) ?? 10 * p;
}

const hhmm = (sec) => fmtTs(sec).slice(11, 16);

/** Short axis label of a duration: 40 s, 25 min, 6.5 h, 3.2 d. */
function shortDuration(sec) {
  if (sec < 120) return `${Math.round(sec)} s`;
  if (sec < 7200) return `${Math.round(sec / 60)} min`;
  if (sec < 172800) return `${Math.round(sec / 360) / 10} h`;
  return `${Math.round(sec / 8640) / 10} d`;
}

/** samples: EtlStatus.recentExtractions; now: EtlStatus.generatedTs (epoch s). */
export function renderChart(samples, now) {
  const from = now - 86400;
  const x = (t) => LEFT + ((Math.min(Math.max(t, from), now) - from) / 86400) * (W - LEFT - RIGHT);
  const lags = samples.filter((s) => s.lagSeconds !== null);
  const lagMax = niceMax(Math.max(0, ...lags.map((s) => s.lagSeconds)));
  const rowMax = niceMax(Math.max(0, ...samples.map((s) => s.rows)));
  const yLag = (v) => LAG.top + LAG.height - (v / lagMax) * LAG.height;
  const yRows = (v) => ROWS.top + ROWS.height - (v / rowMax) * ROWS.height;

  const root = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    'aria-labelledby': 'chart-title',
    class: 'chart-svg',
    'data-testid': 'etl-chart-svg',
  });
  root.append(
    svg(
      'title',
      { id: 'chart-title' },
      `Extraction lag and rows per run, last 24 hours: ${samples.length} runs`,
    ),
  );
  // Frames, panel titles and the value axis bounds.
  for (const [panel, label, max, fmt] of [
    [LAG, 'Extraction lag', lagMax, shortDuration],
    [ROWS, 'Rows per run', rowMax, (v) => v.toLocaleString()],
  ]) {
    root.append(
      svg('rect', {
        x: LEFT,
        y: panel.top,
        width: W - LEFT - RIGHT,
        height: panel.height,
        class: 'chart-frame',
      }),
      svg('text', { x: LEFT, y: panel.top - 8, class: 'chart-label' }, label),
      svg('text', { x: LEFT - 6, y: panel.top + 4, class: 'chart-axis end' }, fmt(max)),
      svg('text', { x: LEFT - 6, y: panel.top + panel.height, class: 'chart-axis end' }, '0'),
    );
  }
  // Time axis: every 3 hours, local time of the browser.
  for (let t = Math.ceil(from / 10800) * 10800; t <= now; t += 10800) {
    root.append(
      svg('line', { x1: x(t), x2: x(t), y1: LAG.top, y2: ROWS.top + ROWS.height, class: 'chart-grid' }),
      svg('text', { x: x(t), y: H - 8, class: 'chart-axis middle' }, hhmm(t)),
    );
  }
  if (samples.length === 0) {
    root.append(
      svg(
        'text',
        {
          x: W / 2,
          y: LAG.top + LAG.height / 2,
          class: 'chart-axis middle',
          'data-testid': 'etl-chart-empty',
        },
        'No Job_ExtractICON run ended in the last 24 hours.',
      ),
    );
    return root;
  }
  const bars = svg('g', { class: 'chart-bars', 'data-testid': 'etl-chart-rows' });
  const barW = Math.max(2, Math.min(12, (W - LEFT - RIGHT) / Math.max(samples.length, 1) - 1));
  for (const s of samples) {
    const y = yRows(s.rows);
    bars.append(
      svg(
        'rect',
        {
          x: Math.min(x(s.endTs) - barW / 2, W - RIGHT - barW),
          y,
          width: barW,
          height: ROWS.top + ROWS.height - y,
          class: 'chart-bar',
        },
        title(`${fmtTs(s.endTs)}: ${s.rows.toLocaleString()} rows (Job_ExtractICON ${s.jobId}, ${s.status})`),
      ),
    );
  }
  const line = svg('g', { class: 'chart-lag', 'data-testid': 'etl-chart-lag' });
  if (lags.length > 1) {
    const d = lags.map(
      (s, i) => `${i === 0 ? 'M' : 'L'}${x(s.endTs).toFixed(1)},${yLag(s.lagSeconds).toFixed(1)}`,
    );
    line.append(svg('path', { d: d.join(' '), class: 'chart-line' }));
  }
  for (const s of lags) {
    line.append(
      svg(
        'circle',
        { cx: x(s.endTs), cy: yLag(s.lagSeconds), r: 3, class: 'chart-point' },
        title(`${fmtTs(s.endTs)}: lag ${fmtDuration(s.lagSeconds)} (Job_ExtractICON ${s.jobId})`),
      ),
    );
  }
  root.append(bars, line);
  return root;
}
