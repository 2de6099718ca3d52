// One opportunity over the map: its decision chain's members highlighted with their roles
// (decision maker, approver, ...), everyone else faded. Members in collapsed units are shown by
// expanding their units, as a path does.

import { OPPORTUNITIES_QUERY, gql } from './api.js';
import { drawMap, fitView } from './draw.js';
import { state } from './state.js';
import { $, h } from './util.js';

export const CHAIN_ROLES = {
  DECISION_MAKER: 'Decision maker', APPROVER: 'Approver', EVALUATOR: 'Evaluator',
  INFLUENCER: 'Influencer', USER: 'User', GATEKEEPER: 'Gatekeeper',
};

function stageLabel(stage) {
  return String(stage).toLowerCase().replace(/_/g, ' ');
}

// The account's opportunities (open ones first, then by close date), loaded with the map.
export async function loadOpportunities() {
  state.opportunities = [];
  try {
    const data = await gql('Opportunities', OPPORTUNITIES_QUERY, { id: state.accountId });
    state.opportunities = ((data.account && data.account.opportunities) || []).slice().sort((a, b) =>
      Number(b.open) - Number(a.open) || String(a.closeDate || '9999').localeCompare(String(b.closeDate || '9999'))
      || String(a.name).localeCompare(String(b.name)));
  } catch (err) {
    state.opportunitiesError = err.message;
  }
  if (!state.opportunities.some((o) => o.id === state.opportunity)) state.opportunity = '';
}

export function activeChain() {
  const opp = state.opportunities && state.opportunities.find((o) => o.id === state.opportunity);
  return opp ? opp.decisionChain : null;
}

export function clearChain() {
  document.body.classList.remove('chain-mode');
  document.body.dataset.opportunity = '';
  if (!state.overlay) return;
  for (const el of state.overlay.querySelectorAll('.on-chain')) {
    el.classList.remove('on-chain');
    delete el.dataset.chainRole;
  }
  for (const el of state.overlay.querySelectorAll('.chain-tag')) el.remove();
}

// Mark the chain's cards on the drawn map (called again after every redraw).
export function markChain() {
  clearChain();
  const chain = activeChain();
  if (!chain || !state.overlay) return [];
  const roles = new Map();
  for (const m of chain) {
    if (!roles.has(m.contact.id)) roles.set(m.contact.id, []);
    roles.get(m.contact.id).push(m.role);
  }
  const marked = [];
  for (const [id, list] of roles) {
    const card = state.overlay.querySelector(`.card[data-id="${CSS.escape(id)}"]`);
    if (!card) continue;
    card.classList.add('on-chain');
    card.dataset.chainRole = list.join(',');
    card.append(h('span', { class: 'chain-tag' }, list.map((r) => CHAIN_ROLES[r] || r).join(' · ')));
    marked.push(id);
  }
  document.body.classList.add('chain-mode');
  document.body.dataset.opportunity = state.opportunity;
  return marked;
}

// Show the opportunity `id` ('' for none): expand the units its members are in, mark them and
// fit the view to them.
export function showOpportunity(id) {
  state.opportunity = id;
  const chain = activeChain();
  if (!chain || !state.cy) { clearChain(); renderChainList(); return; }
  const cy = state.cy;
  const hidden = chain.filter((m) => state.focus && state.contacts.has(m.contact.id) && !cy.getElementById(m.contact.id).length);
  if (hidden.length) {
    for (const m of hidden) state.expanded.add(state.contacts.get(m.contact.id).orgUnit);
    drawMap();
  }
  const marked = markChain();
  renderChainList();
  const nodes = cy.collection();
  for (const mid of marked) nodes.merge(cy.getElementById(mid));
  if (nodes.length) fitView(nodes, 40, 1);
}

// Back to the plain map (a path is shown instead, or the user chose none).
export function dropOpportunity() {
  if (!state.opportunity) return;
  state.opportunity = '';
  $('opportunity').value = '';
  clearChain();
  renderChainList();
}

export function renderOpportunityPicker() {
  const select = $('opportunity');
  select.replaceChildren(h('option', { value: '' }, state.opportunities.length
    ? `None (${state.opportunities.length} opportunities)` : 'No opportunities'));
  for (const o of state.opportunities) {
    select.append(h('option', { value: o.id },
      `${o.name} · ${stageLabel(o.stage)}${o.open ? '' : ' (closed)'}`));
  }
  select.value = state.opportunity || '';
  renderChainList();
}

// The chain beside the map: each member with role and whether the map shows them.
function renderChainList() {
  const box = $('chain-list');
  const opp = state.opportunities.find((o) => o.id === state.opportunity);
  if (!opp) {
    box.replaceChildren(h('p', { class: 'muted' }, state.opportunitiesError
      ? `Could not load the opportunities: ${state.opportunitiesError}`
      : 'Choose an opportunity to see its decision chain on the map.'));
    return;
  }
  const drawn = (id) => Boolean(state.overlay && state.overlay.querySelector(`.card[data-id="${CSS.escape(id)}"]`));
  box.replaceChildren(
    h('h3', null, `${opp.name}`),
    h('p', { class: 'muted' }, [stageLabel(opp.stage), opp.value ? `value ${opp.value.toLocaleString()}` : null,
      opp.closeDate ? `closes ${opp.closeDate}` : null].filter(Boolean).join(' · ')),
    opp.decisionChain.length ? h('ul', { class: 'chain-members' }, opp.decisionChain.map((m) => h('li', {
      dataset: { contact: m.contact.id, role: m.role },
    }, h('b', null, CHAIN_ROLES[m.role] || m.role), ` · ${m.contact.name}`,
    drawn(m.contact.id) ? null : h('span', { class: 'muted' }, ' (hidden by the filters)'))))
      : h('p', { class: 'muted' }, 'Nobody is mapped on its decision chain yet.'));
}
