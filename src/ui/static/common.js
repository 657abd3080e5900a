// Shared by the Manager pages: calls to the JSON API (refusals shown in the API's own words),
// DOM building without innerHTML, and time formatting in the browser's zone.
/* global Node */

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export async function api(method, path, body) {
  const init = { method, headers: { 'X-Infomart-UI': '1', Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(`/api/v1${path}`, init);
  if (res.status === 401) {
    window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
    throw new ApiError(401, { error: { message: 'Your session has ended; please log in again.' } });
  }
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { error: { message: text } };
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** el('td', { class: 'x', dataset: { testid: 'y' } }, 'text', child…) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export const $ = (sel) => document.querySelector(sel);
export const role = () => document.body.dataset.role;
export const canOperate = () => role() === 'operator' || role() === 'admin';

const pad = (n) => String(n).padStart(2, '0');

/** Epoch seconds → `YYYY-MM-DD HH:MM:SS` in the browser's zone. */
export function fmtTs(sec) {
  if (sec === null || sec === undefined) return '';
  const d = new Date(sec * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function fmtDuration(sec) {
  if (sec === null || sec === undefined) return '';
  const s = Math.max(0, Math.round(sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h ${pad(m)}m ${pad(s % 60)}s` : m > 0 ? `${m}m ${pad(s % 60)}s` : `${s}s`;
}

export function zoneName() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Shows a message in the page's live region; kind = 'ok' | 'error' | 'warn'. */
export function say(text, kind = 'ok', lines = []) {
  const box = $('#message');
  if (!box) return;
  box.replaceChildren();
  if (!text) return;
  box.className = `message ${kind}`;
  box.dataset.kind = kind;
  box.append(el('p', { text }));
  if (lines.length > 0) box.append(el('ul', {}, ...lines.map((l) => el('li', { text: l }))));
}

export function stamp() {
  const u = $('#updated');
  if (u) u.textContent = `Updated ${fmtTs(Date.now() / 1000)} (${zoneName()})`;
}

export function cell(text, attrs = {}) {
  return el('td', attrs, text ?? '');
}
