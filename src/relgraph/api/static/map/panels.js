// Everything beside the map: account badges, the unit filter and path form, the gap list and
// the details of a contact (with its latest assessment), and the tabs between them.

import { ASSESSMENT_QUERY, gql } from './api.js';
import { accountSponsorForm, editPanel, gapActions } from './edits.js';
import { findPaths, redraw } from './paths.js';
import { personName, unitsInTreeOrder } from './model.js';
import { daysAgo, state } from './state.js';
import {
  $, DIMENSIONS, GAP_LABELS, ROLE_LABELS, SEVERITIES, attitudeInfo, csvText, downloadFile,
  fmtStrength, h,
} from './util.js';

// --- header, filters -----------------------------------------------------------------------
export function renderAccountBadges() {
  const box = $('account-badges');
  box.replaceChildren();
  for (const k of state.map.competitors || []) {
    box.append(h('span', {
      class: 'supplier', title: `Competitor${k.position ? ` (${k.position} supplier)` : ' favoured by contacts'}`,
      dataset: { competitor: k.id },
    }, `⚑ ${k.name || k.id}${k.position ? ` · ${k.position}` : ''}`));
  }
  for (const g of state.gaps) {
    if (state.contacts.has(g.subjectId) || state.units.has(g.subjectId)) continue;
    box.append(h('span', {
      class: `account-gap gap-badge sev-${g.severity}`, title: `${g.message || ''}`,
      dataset: { subject: g.subjectId, kinds: g.kind, count: '1' },
      onclick: () => { selectTab('gaps'); },
    }, `${GAP_LABELS[g.kind] || g.kind}${g.subjectId !== state.map.accountId ? ` · ${g.subjectName || g.subjectId}` : ''}`));
  }
}

export function renderUnitFilter() {
  const select = $('unit-filter');
  const keep = state.unitFilter;
  select.replaceChildren(h('option', { value: '' }, `All units (${state.units.size})`));
  for (const [u, depth] of unitsInTreeOrder()) {
    select.append(h('option', { value: u.id }, `${'\u2003'.repeat(depth)}${u.name}`));
  }
  select.value = state.units.has(keep) ? keep : '';
  state.unitFilter = select.value;
}

export function renderPathForm() {
  const target = $('path-target');
  const keep = target.value;
  target.replaceChildren(h('option', { value: '' }, 'Choose a contact…'));
  const rankOrder = { S: 0, A: 1, B: 2, C: 3 };
  const list = [...state.contacts.values()].filter((c) => c.active !== false).sort((a, b) =>
    (rankOrder[a.rank] ?? 9) - (rankOrder[b.rank] ?? 9) || a.name.localeCompare(b.name));
  for (const c of list) {
    target.append(h('option', { value: c.id }, `${c.name}${c.title ? ` — ${c.title}` : ''}`));
  }
  if (state.contacts.has(keep)) target.value = keep;
  const from = $('path-from');
  const keepFrom = from.value;
  from.replaceChildren(h('option', { value: '' }, 'All our active staff'));
  const staff = [...state.staff.values()].filter((s) => s.active !== false)
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const s of staff) {
    from.append(h('option', { value: s.id }, `${s.name}${s.role ? ` (${ROLE_LABELS[s.role] || s.role})` : ''}`));
  }
  if (state.staff.has(keepFrom)) from.value = keepFrom;
}

// --- gaps panel ----------------------------------------------------------------------------
export function renderGapList() {
  const box = $('gap-list');
  box.replaceChildren();
  $('gap-count').textContent = String(state.gaps.length);
  if (!state.gaps.length) {
    box.append(h('p', { class: 'muted' }, 'No coverage gaps. Every rule is satisfied.'));
    return;
  }
  for (const sev of SEVERITIES) {
    const items = state.gaps.filter((g) => g.severity === sev);
    if (!items.length) continue;
    const list = h('ol');
    for (const g of items) {
      list.append(h('li', {
        class: `gap-item sev-${g.severity}`, tabindex: '0',
        dataset: { kind: g.kind, subject: g.subjectId, severity: g.severity },
        onclick: () => focusSubject(g.subjectId),
        onkeydown: (e) => { if (e.key === 'Enter') focusSubject(g.subjectId); },
      },
      h('div', null, h('span', { class: 'kind' }, GAP_LABELS[g.kind] || g.kind), ' · ',
        h('span', { class: 'subject' }, g.subjectName || g.subjectId)),
      g.message ? h('div', { class: 'msg' }, g.message) : null,
      g.suggestion ? h('div', { class: 'fix' }, `→ ${g.suggestion}`) : null,
      actionButtons(g)));
    }
    box.append(h('section', { class: 'gap-group', dataset: { severity: sev } },
      h('h2', null, h('span', { class: `sev-pill sev-${sev}` }, sev), `${items.length}`), list));
  }
}

// The gaps of the account as a CSV, in the list's order; the candidates as `name (strength)`.
export function downloadGapsCsv() {
  if (!state.map) return;
  const header = ['severity', 'kind', 'subjectId', 'subjectName', 'accountId', 'message',
    'suggestion', 'candidates'];
  const rows = state.gaps.map((g) => [g.severity, g.kind, g.subjectId, g.subjectName, g.accountId,
    g.message, g.suggestion, (g.candidates || []).map((k) => `${k.name} (${fmtStrength(k.strength)})`).join('; ')]);
  const stamp = state.asOf || new Date().toISOString().slice(0, 10);
  downloadFile(new Blob([csvText(header, rows)], { type: 'text/csv;charset=utf-8' }),
    `${state.map.accountId}-gaps-${stamp}.csv`);
}

// A gap's suggestion as buttons (editor keys): each opens the contact's form, filled in.
function actionButtons(g) {
  const actions = gapActions(g);
  if (!actions.length) return null;
  return h('div', { class: 'gap-actions' }, actions.map((a) => h('button', {
    type: 'button', class: 'gap-action',
    dataset: { form: a.preset.form, staff: a.preset.staffId, role: a.preset.role || '' },
    onclick: (e) => {
      e.stopPropagation();
      if (a.preset.form !== 'account-sponsor') { focusSubject(g.subjectId, a.preset); return; }
      const item = e.currentTarget.closest('.gap-item');
      for (const old of item.querySelectorAll('.account-sponsor-form')) old.remove();
      item.append(accountSponsorForm(g, a.preset));
    },
    onkeydown: (e) => e.stopPropagation(),
  }, a.label)));
}

function focusSubject(id, preset) {
  const cy = state.cy;
  if (!cy) return;
  if (state.contacts.has(id)) {
    if (!cy.getElementById(id).length) {
      if (state.focus) state.expanded.add(state.contacts.get(id).orgUnit);
      resetFilters();
    }
    showDetails(id, Boolean(preset), preset);
    const node = cy.getElementById(id);
    if (node.length) { cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 0.8) }, { duration: 250 }); flash(id); }
  } else if (state.units.has(id)) {
    let node = cy.getElementById(`unit:${id}`);
    if (!node.length) {
      // a unit inside a collapsed one is drawn once its parent is expanded
      if (state.focus && state.units.get(id).parent) state.expanded.add(state.units.get(id).parent);
      resetFilters();
      node = cy.getElementById(`unit:${id}`);
    }
    if (node.length) cy.animate({ fit: { eles: node, padding: 40 } }, { duration: 250 });
  }
}

export function flash(id) {
  const card = state.overlay.querySelector(`.card[data-id="${CSS.escape(id)}"]`);
  if (!card) return;
  card.classList.remove('flash');
  void card.offsetWidth;
  card.classList.add('flash');
}

function resetFilters() {
  state.unitFilter = '';
  state.keyOnly = false;
  $('unit-filter').value = '';
  $('key-only').checked = false;
  redraw();
}

// --- details panel -------------------------------------------------------------------------
export function selectTab(name) {
  for (const b of document.querySelectorAll('.tabs button')) {
    b.setAttribute('aria-selected', b.dataset.tab === name ? 'true' : 'false');
  }
  for (const t of ['gaps', 'contact', 'paths', 'deals']) $(`tab-${t}`).hidden = t !== name;
}

export async function showDetails(id, switchTab, preset) {
  const c = state.contacts.get(id);
  if (!c) return;
  state.selected = id;
  for (const card of state.overlay.querySelectorAll('.card.selected')) card.classList.remove('selected');
  const card = state.overlay.querySelector(`.card[data-id="${CSS.escape(id)}"]`);
  if (card) card.classList.add('selected');
  if (switchTab) selectTab('contact');
  const box = $('details');
  const att = attitudeInfo(c.attitude);
  const unit = state.units.get(c.orgUnit);
  const gaps = state.gapsBySubject.get(id) || [];
  const links = state.map.links || [];
  const manager = links.filter((l) => l.type === 'REPORTS_TO' && l.from === id).map((l) => personName(l.to));
  const reports = links.filter((l) => l.type === 'REPORTS_TO' && l.to === id).length;
  const influencedBy = links.filter((l) => l.type === 'INFLUENCES' && l.to === id);
  const influences = links.filter((l) => l.type === 'INFLUENCES' && l.from === id);
  const flags = [];
  if (c.key) flags.push('key contact');
  if (c.coach || c.attitude === 3) flags.push('coach');
  if (c.risingStar) flags.push('rising star');
  if (c.active === false) flags.push('departed');

  const ownerRows = ['A', 'B', 'C'].map((role) => {
    const o = (c.owners || []).filter((x) => x.role === role);
    return [h('dt', null, `${role} owner`), h('dd', { dataset: { role } },
      o.length ? o.map((x) => x.name).join(', ') : h('span', { class: 'muted' }, 'none'))];
  });
  const last = c.lastInteraction;
  const ago = daysAgo(last);
  box.replaceChildren(
    h('div', { class: 'contact-details', dataset: { id } },
      h('h2', null, c.name),
      h('p', { class: 'subtitle' }, [c.title, unit && unit.name].filter(Boolean).join(' · ')),
      h('dl', null,
        h('dt', null, 'Attitude'),
        h('dd', null, h('span', { class: `att-pill att-${att.cls}`, dataset: { attitude: att.key } },
          `${att.label}${att.key !== 'unknown' ? ` (${att.key})` : ''}`)),
        h('dt', null, 'Rank'), h('dd', null, c.rank || '—'),
        flags.length ? [h('dt', null, 'Marks'), h('dd', null, flags.join(', '))] : null,
        ownerRows,
        h('dt', null, 'Sponsor'),
        h('dd', null, (c.sponsors || []).length ? c.sponsors.map((s) => s.name).join(', ') : h('span', { class: 'muted' }, 'none')),
        h('dt', null, 'Last met'),
        h('dd', { class: 'last-interaction' }, last ? `${last}${ago !== null ? ` (${ago} days ago)` : ''}` : h('span', { class: 'muted' }, 'never recorded')),
        manager.length ? [h('dt', null, 'Reports to'), h('dd', null, manager.join(', '))] : null,
        reports ? [h('dt', null, 'Direct reports'), h('dd', null, String(reports))] : null,
        (c.favors || []).length ? [h('dt', null, 'Favours'), h('dd', null,
          c.favors.map((f) => `${f.name}${f.strength ? ` (${fmtStrength(f.strength)})` : ''}`).join(', '))] : null,
      ),
      h('h3', null, 'Latest assessment'),
      h('div', { class: 'assessment' }, h('p', { class: 'muted' }, 'Loading…')),
      h('h3', null, `Gaps on this contact (${gaps.length})`),
      gaps.length ? h('ul', { class: 'contact-gaps' }, gaps.map((g) => h('li', { dataset: { kind: g.kind } },
        h('span', { class: `sev-pill sev-${g.severity}` }, g.severity), ' ',
        h('b', null, GAP_LABELS[g.kind] || g.kind), g.suggestion ? ` — ${g.suggestion}` : '',
        actionButtons(g))))
        : h('p', { class: 'muted' }, 'None.'),
      (influencedBy.length || influences.length) ? [
        h('h3', null, 'Informal influence'),
        h('ul', null,
          influencedBy.map((l) => h('li', null, `${personName(l.from)} → ${c.name} (${fmtStrength(l.strength)})`)),
          influences.map((l) => h('li', null, `${c.name} → ${personName(l.to)} (${fmtStrength(l.strength)})`))),
      ] : null,
      h('div', { class: 'actions' }, h('button', {
        type: 'button', class: 'primary', onclick: () => { $('path-target').value = id; selectTab('paths'); findPaths(); },
      }, `Find paths to ${c.name}`)),
      editPanel(c, preset),
    ));
  loadAssessment(id, box.querySelector('.assessment'));
}

async function loadAssessment(id, target) {
  let assessment = null;
  try {
    const data = await gql('ContactDetails', ASSESSMENT_QUERY, { id, asOf: state.asOf || null });
    assessment = data.contact && data.contact.latestAssessment;
  } catch (err) {
    target.replaceChildren(h('p', { class: 'muted' }, `Could not load: ${err.message}`));
    return;
  }
  if (state.selected !== id) return;
  if (!assessment) { target.replaceChildren(h('p', { class: 'muted' }, 'Never assessed: attitude unknown.')); return; }
  const att = attitudeInfo(assessment.attitude ?? assessment.effectiveAttitude);
  const rows = DIMENSIONS.filter(([k]) => assessment[k] !== undefined).map(([k, label]) => {
    const v = assessment[k];
    return [h('dt', null, label), h('dd', null, v === null ? '—' : attitudeInfo(v).label + ` (${v})`)];
  });
  target.replaceChildren(h('dl', { class: 'assessment-data', dataset: { date: assessment.date || '' } },
    h('dt', null, 'Date'), h('dd', null, assessment.date || '—'),
    assessment.assessedById
      ? [h('dt', null, 'By'), h('dd', null, personName(assessment.assessedById))] : null,
    h('dt', null, 'Attitude'), h('dd', null, att.label),
    assessment.score !== undefined && assessment.score !== null ? [h('dt', null, 'Score'), h('dd', null, Number(assessment.score).toFixed(2))] : null,
    rows));
}
