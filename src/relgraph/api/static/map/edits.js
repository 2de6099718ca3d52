// Acting from the map with an editor key: record an assessment, assign or remove an A/B/C owner,
// through the API's own mutations (the server checks the key again; the page only hides what a
// reader could not do). After a change the map is loaded again, so every badge and gap is redrawn
// from what the server now says.

import { ASSIGN_OWNER, RECORD_ASSESSMENT, REMOVE_OWNER, gql } from './api.js';
import { state } from './state.js';
import { DIMENSIONS, ROLE_LABELS, h } from './util.js';

// How the map is loaded again after a change; set by the page.
export const edits = { reload: async () => {} };

const WRITERS = new Set(['editor', 'admin']);

export function canEdit() {
  return Boolean(state.viewer && WRITERS.has(state.viewer.role));
}

// Why the page shows no edit controls: said once, above the contact's details.
export function readOnlyNote() {
  const role = state.viewer ? state.viewer.role : 'unknown';
  return h('p', { class: 'read-only muted', dataset: { role } },
    `Read-only: this API key is a ${role} key. Recording assessments and owners needs an editor key.`);
}

const SCALE = [['', '—'], ['-1', '−1 opposed'], ['0', '0 neutral'], ['1', '1 supporter'],
  ['2', '2 exclusive'], ['3', '3 coach']];

function field(name, label, control) {
  return h('label', { class: 'field', dataset: { field: name } }, h('span', null, label), control,
    h('span', { class: 'field-error', role: 'alert' }));
}

function select(name, options, value) {
  return h('select', { name }, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
}

function today() {
  return state.asOf || new Date().toISOString().slice(0, 10);
}

// The server's problems name the field (e.g. "acceptance: must be -1..3"): shown beside it.
function showProblems(form, err) {
  const problems = err.problems && err.problems.length ? err.problems : [err.message];
  const fields = [...form.querySelectorAll('[data-field]')];
  const general = form.querySelector('.form-error');
  general.textContent = '';
  for (const p of problems) {
    const text = String(p);
    const at = fields.find((f) => new RegExp(`\\b${f.dataset.field}\\b`).test(text));
    const slot = at ? at.querySelector('.field-error') : general;
    slot.textContent = slot.textContent ? `${slot.textContent}; ${text}` : text;
  }
  form.dataset.state = 'error';
}

function clearProblems(form) {
  for (const el of form.querySelectorAll('.field-error, .form-error')) el.textContent = '';
}

async function submit(form, run) {
  clearProblems(form);
  form.dataset.state = 'saving';
  try {
    await run();
  } catch (err) {
    showProblems(form, err);
    return;
  }
  form.dataset.state = 'saved';
  await edits.reload();
}

function assessmentForm(c) {
  const staff = [...state.staff.values()].filter((s) => s.active !== false)
    .sort((a, b) => a.name.localeCompare(b.name));
  const form = h('form', { class: 'edit-form assessment-form', novalidate: true },
    h('h3', null, 'Record an assessment'),
    field('date', 'Date', h('input', { type: 'date', name: 'date', value: today() })),
    field('assessedBy', 'By', select('assessedBy', [['', '—'], ...staff.map((s) => [s.id, s.name])], '')),
    DIMENSIONS.map(([key, label]) => field(key, label, select(key, SCALE, ''))),
    field('attitude', 'Attitude', select('attitude', SCALE, '')),
    h('p', { class: 'form-error', role: 'alert' }),
    h('button', { type: 'submit', class: 'primary' }, 'Record assessment'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = (name) => form.elements[name].value;
    const input = { contact: c.id, date: value('date'), assessedBy: value('assessedBy') || null };
    for (const key of [...DIMENSIONS.map(([k]) => k), 'attitude']) {
      input[key] = value(key) === '' ? null : Number(value(key));
    }
    // checked here too, so that an empty form says what is missing without a round trip
    const local = [];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) local.push('date: a date is needed');
    if ([...DIMENSIONS.map(([k]) => k), 'attitude'].every((k) => input[k] === null)) {
      local.push('attitude: give the attitude or at least one dimension');
    }
    if (local.length) { clearProblems(form); showProblems(form, { problems: local }); return; }
    submit(form, () => gql('RecordAssessment', RECORD_ASSESSMENT, { input }));
  });
  return form;
}

function ownerForm(c) {
  const staff = [...state.staff.values()].filter((s) => s.active !== false)
    .sort((a, b) => a.name.localeCompare(b.name));
  const form = h('form', { class: 'edit-form owner-form', novalidate: true },
    h('h3', null, 'Owners'),
    h('ul', { class: 'owner-list' }, [...(c.owners || [])]
      .sort((a, b) => String(a.role).localeCompare(String(b.role)))
      .map((o) => h('li', { dataset: { role: o.role, staff: o.staffId } }, `${o.role} · ${o.name} `,
        h('button', {
          type: 'button', class: 'remove-owner', title: `Remove ${o.name} as ${o.role} owner`,
          onclick: () => submit(form, () => gql('RemoveOwner', REMOVE_OWNER,
            { staffId: o.staffId, contactId: c.id, role: o.role })),
        }, 'Remove')))),
    h('div', { class: 'row' },
      field('staffId', 'Staff', select('staffId', [['', 'Choose…'], ...staff.map((s) => [s.id,
        `${s.name}${s.role ? ` (${ROLE_LABELS[s.role] || s.role})` : ''}`])], '')),
      field('role', 'Role', select('role', [['A', 'A'], ['B', 'B'], ['C', 'C']], 'A'))),
    h('p', { class: 'form-error', role: 'alert' }),
    h('button', { type: 'submit' }, 'Assign owner'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const staffId = form.elements.staffId.value;
    if (!staffId) { clearProblems(form); showProblems(form, { problems: ['staffId: choose a staff member'] }); return; }
    submit(form, () => gql('AssignOwner', ASSIGN_OWNER,
      { staffId, contactId: c.id, role: form.elements.role.value }));
  });
  return form;
}

// The edit controls of one contact, or the note saying why there are none.
export function editPanel(c) {
  if (!canEdit()) return readOnlyNote();
  return h('div', { class: 'edits' }, ownerForm(c), assessmentForm(c));
}
