// The Audit page (admins): who did what, when, and why.
import { $, api, cell, el, fmtTs, say } from './common.js';

try {
  const r = await api('GET', '/audit?limit=500');
  $('#audit-body').replaceChildren(
    ...r.entries.map((e) =>
      el('tr', {}, cell(fmtTs(e.ts)), cell(e.principal), cell(e.action), cell(e.target), cell(e.reason)),
    ),
  );
} catch (err) {
  say(err.message, 'error');
}
