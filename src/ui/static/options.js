// The Options page: effective and file value, default, Effect, pending flag; admins edit one
// option at a time with a reason, and a refusal lists each issue with its valid values.
import { $, api, cell, el, role, say } from './common.js';

const state = { options: [] };

function render() {
  const f = $('#options-filter').value.trim().toLowerCase();
  const rows = state.options.filter(
    (o) => !f || `${o.section} ${o.option} ${o.effective}`.toLowerCase().includes(f),
  );
  $('#options-body').replaceChildren(
    ...rows.map((o) => {
      const id = `${o.section}.${o.option}`;
      const tr = el(
        'tr',
        { dataset: { testid: `option-row-${id}`, pending: String(o.pending) } },
        cell(o.section),
        cell(o.option, { title: o.description }),
        cell(o.effective, { 'data-testid': `option-effective-${id}` }),
        cell(o.fileValue ?? ''),
        cell(o.default),
        cell(o.effect),
        cell(o.pending ? 'pending restart' : ''),
        cell(o.validValues),
      );
      if (role() === 'admin') {
        tr.append(
          el(
            'td',
            {},
            el(
              'button',
              { type: 'button', dataset: { testid: `option-edit-${id}` }, on: { click: () => pick(o) } },
              'Edit',
            ),
          ),
        );
      }
      return tr;
    }),
  );
}

function pick(o) {
  const form = $('#option-edit');
  form.elements.section.value = o.section;
  form.elements.option.value = o.option;
  form.elements.value.value = o.fileValue ?? '';
  $('#option-edit-valid').textContent =
    `Valid values: ${o.validValues}. Default: ${o.default || '(none)'}. Effect: ${o.effect}.`;
  $('#option-edit-error').replaceChildren();
  form.elements.value.focus();
}

async function load() {
  try {
    const v = await api('GET', '/options');
    state.options = v.options;
    $('#options-path').textContent = v.path ?? '(no options file: defaults)';
    $('#options-warnings').replaceChildren(...v.warnings.map((w) => el('li', {}, w.message)));
    render();
  } catch (err) {
    say(err.message, 'error');
  }
}

async function save(ev) {
  ev.preventDefault();
  const form = ev.target;
  const edit = {
    section: form.elements.section.value.trim(),
    option: form.elements.option.value.trim(),
    value: form.elements.value.value.trim(),
  };
  const errors = $('#option-edit-error');
  errors.replaceChildren();
  try {
    const v = await api('PUT', '/options', { edits: [edit], reason: form.elements.reason.value });
    state.options = v.options;
    render();
    say(
      `${edit.section}.${edit.option} saved${edit.value === '' ? ' (back to the default)' : ` as "${edit.value}"`}.`,
    );
    form.elements.reason.value = '';
  } catch (err) {
    const issues = err.body?.error?.issues;
    const lines = issues?.length ? issues.map((i) => i.message) : [err.message];
    errors.replaceChildren(...lines.map((l) => el('li', {}, l)));
  }
}

$('#options-filter').addEventListener('input', render);
if ($('#option-edit')) $('#option-edit').addEventListener('submit', save);
load();
