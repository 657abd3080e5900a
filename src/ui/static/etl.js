// The ETL status page: server state and blocking reasons, then each part of the ETL status the
// service reports (marks, lag, alarms, backlog, headroom …), rendered from its JSON shape so new
// parts appear without a UI change.
import { $, api, el, say, stamp } from './common.js';

const human = (key) =>
  key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .replace(/^./, (c) => c.toUpperCase());
const scalar = (v) =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

function table(rows, testid) {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return el(
    'table',
    { class: 'grid', dataset: { testid } },
    el('thead', {}, el('tr', {}, ...cols.map((c) => el('th', { scope: 'col' }, human(c))))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...cols.map((c) => el('td', {}, scalar(r[c])))))),
  );
}

function render(value, testid) {
  if (Array.isArray(value)) {
    if (value.length === 0) return el('p', { class: 'hint', dataset: { testid } }, 'none');
    if (value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) return table(value, testid);
    return el('ul', { dataset: { testid } }, ...value.map((v) => el('li', {}, scalar(v))));
  }
  if (value && typeof value === 'object') {
    return el(
      'dl',
      { class: 'fields', dataset: { testid } },
      ...Object.entries(value).flatMap(([k, v]) => [
        el('dt', {}, human(k)),
        el('dd', {}, v && typeof v === 'object' ? render(v, `${testid}-${k}`) : scalar(v)),
      ]),
    );
  }
  return el('p', { dataset: { testid } }, scalar(value));
}

async function load() {
  try {
    const { server, etl } = await api('GET', '/etl-status');
    $('#server-state').textContent = server.state;
    $('#server-state').className = `state ${server.state}`;
    $('#schema-version').textContent = `${server.schemaVersion} (server expects ${server.codeSchemaVersion})`;
    $('#options-file').textContent = server.optionsFile ?? '(none: defaults)';
    $('#server-reasons').replaceChildren(...server.reasons.map((r) => el('li', {}, r)));
    $('#server-issues').replaceChildren(...server.optionsErrors.map((i) => el('li', {}, i.message)));
    $('#etl-sections').replaceChildren(
      // The server part is shown above; the service may repeat it inside the ETL status.
      ...Object.entries(etl)
        .filter(([k]) => k !== 'server')
        .map(([k, v]) =>
          el(
            'section',
            { class: 'panel', 'aria-label': human(k) },
            el('h2', {}, human(k)),
            render(v, `etl-${k}`),
          ),
        ),
    );
    stamp();
  } catch (err) {
    say(err.message, 'error');
  }
}

$('#refresh').addEventListener('click', load);
load();
