// Acting from the map with an editor key: record an assessment or an interaction, assign or
// remove an A/B/C owner, pair or unpair a sponsor, through the API's own mutations (the server checks the key again; the page only hides what a
// reader could not do). After a change the map is loaded again, so every badge and gap is redrawn
// from what the server now says.

import {
  ASSIGN_OWNER, PAIR_SPONSOR, RECORD_ASSESSMENT, RECORD_INTERACTION, REMOVE_OWNER, UNPAIR_SPONSOR, gql,
} from './api.js';
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
    `Read-only: this API key is a ${role} key. Recording assessments, interactions, owners and sponsors needs an editor key.`);
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

function activeStaff() {
  return [...state.staff.values()].filter((s) => s.active !== false)
    .sort((a, b) => a.name.localeCompare(b.name));
}

function staffLabel(s) {
  return `${s.name}${s.role ? ` (${ROLE_LABELS[s.role] || s.role})` : ''}`;
}

// The staff choices of a form; a suggested staff member who is not on the account team (an
// executive sponsor candidate) is offered too, under the name the gap gave.
function staffOptions(first, preset) {
  const options = activeStaff().map((s) => [s.id, staffLabel(s)]);
  if (preset && preset.staffId && !state.staff.has(preset.staffId)) {
    options.push([preset.staffId, preset.staffName || preset.staffId]);
  }
  return [first, ...options];
}

// A form opened from a gap's suggestion: marked, scrolled to and its button focused, so that
// one more click (or Enter) does what the suggestion says.
function opened(form, preset, kind) {
  if (!preset || preset.form !== kind) return form;
  form.dataset.prefilled = 'true';
  requestAnimationFrame(() => {
    form.scrollIntoView({ block: 'nearest' });
    const button = form.querySelector('button[type=submit]');
    if (button) button.focus({ preventScroll: true });
  });
  return form;
}

function assessmentForm(c, preset) {
  const by = preset && preset.form === 'assessment' ? preset.staffId : '';
  const form = h('form', { class: 'edit-form assessment-form', novalidate: true },
    h('h3', null, 'Record an assessment'),
    field('date', 'Date', h('input', { type: 'date', name: 'date', value: today() })),
    field('assessedBy', 'By', select('assessedBy', staffOptions(['', '—'], by ? preset : null), by)),
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
  return opened(form, preset, 'assessment');
}

function ownerForm(c, preset) {
  const pick = preset && preset.form === 'owner' ? preset : null;
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
      field('staffId', 'Staff', select('staffId', staffOptions(['', 'Choose…'], pick), pick ? pick.staffId : '')),
      field('role', 'Role', select('role', [['A', 'A'], ['B', 'B'], ['C', 'C']], pick ? pick.role : 'A'))),
    h('p', { class: 'form-error', role: 'alert' }),
    h('button', { type: 'submit' }, 'Assign owner'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const staffId = form.elements.staffId.value;
    if (!staffId) { clearProblems(form); showProblems(form, { problems: ['staffId: choose a staff member'] }); return; }
    submit(form, () => gql('AssignOwner', ASSIGN_OWNER,
      { staffId, contactId: c.id, role: form.elements.role.value }));
  });
  return opened(form, preset, 'owner');
}

// A personal sponsor: an executive of our side paired with the contact (executives first).
function sponsorForm(c, preset) {
  const pick = preset && preset.form === 'sponsor' ? preset : null;
  const options = staffOptions(['', 'Choose…'], pick);
  const executive = (id) => ((state.staff.get(id) || {}).role === 'executive' ? 0 : 1);
  options.splice(1, options.length - 1, ...options.slice(1).sort((a, b) => executive(a[0]) - executive(b[0])));
  const form = h('form', { class: 'edit-form sponsor-form', novalidate: true },
    h('h3', null, 'Sponsors'),
    h('ul', { class: 'sponsor-list' }, (c.sponsors || []).map((s) => h('li', { dataset: { staff: s.staffId } },
      `${s.name} `,
      h('button', {
        type: 'button', class: 'unpair-sponsor', title: `Unpair ${s.name} as sponsor of ${c.name}`,
        onclick: () => submit(form, () => gql('UnpairSponsor', UNPAIR_SPONSOR,
          { staffId: s.staffId, contactId: c.id })),
      }, 'Unpair')))),
    field('staff', 'Sponsor', select('staff', options, pick ? pick.staffId : '')),
    h('p', { class: 'form-error', role: 'alert' }),
    h('button', { type: 'submit' }, 'Pair sponsor'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const staffId = form.elements.staff.value;
    if (!staffId) { clearProblems(form); showProblems(form, { problems: ['staff: choose a staff member'] }); return; }
    submit(form, () => gql('PairSponsor', PAIR_SPONSOR, { staffId, contactId: c.id }));
  });
  return opened(form, preset, 'sponsor');
}

// The kinds of interaction (the API's InteractionType), the everyday ones first.
const INTERACTION_TYPES = [
  ['FORMAL_VISIT', 'Formal visit'], ['CALL', 'Call'], ['EMAIL', 'Email'],
  ['BUSINESS_EXCHANGE', 'Business exchange'], ['ROUTINE_CARE', 'Routine care'],
  ['BANQUET', 'Banquet'], ['ENTERTAINMENT', 'Entertainment'], ['CARE', 'Care'],
  ['WORKSHOP', 'Workshop'], ['STRATEGY_WORKSHOP', 'Strategy workshop'],
  ['EXECUTIVE_VISIT', 'Executive visit'], ['SUMMIT', 'Summit'],
  ['ROADMAP_EXCHANGE', 'Roadmap exchange'], ['EXPERT_ADVISORY', 'Expert advisory'],
  ['COMPANY_TOUR', 'Company tour'], ['REFERENCE_SITE_VISIT', 'Reference site visit'],
  ['SPECIAL_INSPECTION', 'Special inspection'], ['MANAGEMENT_TRAINING', 'Management training'],
  ['JOINT_INNOVATION', 'Joint innovation'], ['SERVICE_ANNUAL_MEETING', 'Service annual meeting'],
  ['DELIVERY_MILESTONE', 'Delivery milestone'], ['DEPARTMENT_SOCIAL', 'Department social'],
  ['CSR', 'CSR'],
];

// A new interaction's id: the contact, the date and a random tail (an id is upserted, so two
// meetings on one day must not share one).
function interactionId(contactId, date) {
  const tail = [...crypto.getRandomValues(new Uint8Array(4))].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `int-${contactId}-${date}-${tail}`;
}

function interactionForm(c, preset) {
  const pick = preset && preset.form === 'interaction' ? preset : null;
  const form = h('form', { class: 'edit-form interaction-form', novalidate: true },
    h('h3', null, 'Record an interaction'),
    field('type', 'Kind', select('type', INTERACTION_TYPES, 'FORMAL_VISIT')),
    field('date', 'Date', h('input', { type: 'date', name: 'date', value: today() })),
    field('staff', 'With', select('staff', staffOptions(['', 'Choose…'], pick), pick ? pick.staffId : '')),
    field('summary', 'Summary', h('input', { type: 'text', name: 'summary', maxlength: '500' })),
    h('p', { class: 'form-error', role: 'alert' }),
    h('button', { type: 'submit' }, 'Record interaction'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = (name) => form.elements[name].value;
    const local = [];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value('date'))) local.push('date: a date is needed');
    if (!value('staff')) local.push('staff: who of our side met them?');
    if (local.length) { clearProblems(form); showProblems(form, { problems: local }); return; }
    const input = {
      id: interactionId(c.id, value('date')), type: value('type'), date: value('date'),
      account: state.map.accountId, staff: [value('staff')], contacts: [c.id],
      summary: value('summary').trim() || null,
    };
    submit(form, () => gql('RecordInteraction', RECORD_INTERACTION, { input }));
  });
  return opened(form, preset, 'interaction');
}

const strength = (k) => (k.strength !== null && k.strength !== undefined ? ` (${Number(k.strength).toFixed(2)})` : '');

// The account's own sponsor (a gap on the account, which has no contact panel): a form opened
// inside the gap's item, the candidates to choose from.
export function accountSponsorForm(g, preset) {
  const options = (g.candidates || []).map((k) => [k.staffId, `${k.name}${strength(k)}`]);
  const form = h('form', {
    class: 'edit-form account-sponsor-form', novalidate: true, dataset: { prefilled: 'true' },
    onclick: (e) => e.stopPropagation(), onkeydown: (e) => e.stopPropagation(),
  },
  field('staff', 'Account sponsor', select('staff', options, preset.staffId)),
  h('p', { class: 'form-error', role: 'alert' }),
  h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Pair sponsor'),
    h('button', { type: 'button', class: 'cancel', onclick: () => form.remove() }, 'Cancel')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit(form, () => gql('PairSponsor', PAIR_SPONSOR,
      { staffId: form.elements.staff.value, accountId: state.map.accountId }));
  });
  requestAnimationFrame(() => form.querySelector('button[type=submit]').focus());
  return form;
}

// What a gap's candidates let the user do at once: a button per candidate opening the form
// its suggestion describes, filled in (a missing account sponsor: a form in the gap itself).
const GAP_FORMS = {
  OWNER_MISSING_A: ['owner', 'Assign A owner'],
  OWNER_MISSING_B: ['owner', 'Assign B owner'],
  OWNER_MISSING_C: ['owner', 'Assign C owner'],
  SPONSOR_MISSING: ['sponsor', 'Pair sponsor'],
  SPONSOR_RANK_MISMATCH: ['sponsor', 'Pair sponsor'],
  STALE_CONTACT: ['interaction', 'Record a meeting'],
  ASSESSMENT_OUTDATED: ['assessment', 'Record an assessment'],
};

export function gapActions(g) {
  if (g.kind === 'SPONSOR_MISSING' && state.map && g.subjectId === state.map.accountId && canEdit()) {
    return (g.candidates || []).slice(0, 3).map((k) => ({
      label: `Pair account sponsor — ${k.name}${strength(k)}`,
      preset: { form: 'account-sponsor', role: null, staffId: k.staffId, staffName: k.name },
    }));
  }
  const known = GAP_FORMS[g.kind];
  if (!known || !canEdit() || !state.contacts.has(g.subjectId)) return [];
  const [form, verb] = known;
  const role = form === 'owner' ? g.kind.slice(-1) : null;
  return (g.candidates || []).slice(0, 3).map((k) => ({
    label: `${verb} — ${k.name}${strength(k)}`,
    preset: { form, role, staffId: k.staffId, staffName: k.name },
  }));
}

// The edit controls of one contact, or the note saying why there are none; `preset` fills in
// the form a gap's suggestion opened.
export function editPanel(c, preset) {
  if (!canEdit()) return readOnlyNote();
  return h('div', { class: 'edits' }, ownerForm(c, preset), sponsorForm(c, preset),
    interactionForm(c, preset), assessmentForm(c, preset));
}
