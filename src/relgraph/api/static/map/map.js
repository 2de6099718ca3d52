/* relgraph power map: one account's relationship map, drawn from what /graphql returns.
 *
 * Plain browser JS in ES modules, no build step. cytoscape.js (+ cytoscape-dagre) draws the org
 * units as compound nodes, the reporting tree as a layered layout and the informal influence
 * lines; an HTML overlay, kept in step with the viewport, draws each contact as a card (name,
 * title, rank, attitude colour, owners, sponsors, marks and gap badge). The page only renders
 * what the API returns for the caller's key: an account the key may not see shows the
 * not-allowed state.
 *
 * This module is the page: loading, errors, print, and start. The others, each importing only
 * those before it: util (constants, DOM helper), state (the live state, the status line), api
 * (GraphQL), keydialog (the tab's API key), model (reading the map), focus (which people a
 * large account shows), unitlayout and layout, cards (the overlay), draw (the canvas), paths
 * (influence paths), opportunities (a decision chain over the map), panels (gaps, details,
 * filters, the actions of a gap), search (find a person), export (the map as SVG or PNG).
 * The portfolio at /map/ is a page of its own (portfolio.js).
 */

import { ApiError, POWER_MAP_QUERY, VIEWER_QUERY, gql } from './api.js';
import { fitView, taps, zoomTo } from './draw.js';
import { edits } from './edits.js';
import { downloadPng, downloadSvg } from './export.js';
import { expandAll, startFocus, toggleUnit } from './focus.js';
import { runLayout } from './layout.js';
import { renderCards, syncOverlay } from './cards.js';
import {
  downloadGapsCsv, renderAccountBadges, renderGapList, renderPathForm, renderUnitFilter, selectTab, showDetails,
} from './panels.js';
import { loadOpportunities, renderOpportunityPicker, showOpportunity } from './opportunities.js';
import { clearPath, findPaths, redraw } from './paths.js';
import { renderSearchList, searchPerson } from './search.js';
import { setState, setStatus, state } from './state.js';
import { askForKey, markDevMode, wireKeyDialog } from './keydialog.js';
import { $, SEV_ORDER, h } from './util.js';

// --- loading -------------------------------------------------------------------------------
async function loadPowerMap() {
  const data = await gql('PowerMap', POWER_MAP_QUERY, { id: state.accountId, asOf: state.asOf || null });
  const pm = data.powerMap;
  if (!pm) throw new ApiError('denied', 'No such account for this key.');
  return { pm, gaps: pm.gaps || [] };
}

async function loadAccount() {
  const seq = (state.loadSeq = (state.loadSeq || 0) + 1);
  setState('loading');
  setStatus('Loading the map…');
  let result;
  try {
    [result] = await Promise.all([loadPowerMap(), loadOpportunities()]);
  } catch (err) {
    if (seq === state.loadSeq) handleError(err);
    return;
  }
  if (seq !== state.loadSeq) return; // a newer request (another as-of date) is under way
  if (!state.key) markDevMode();
  applyMap(result.pm, result.gaps);
}

function handleError(err) {
  clearMap();
  if (err.kind === 'auth') {
    askForKey();
  } else if (err.kind === 'denied') {
    setState('denied');
    $('account-name').textContent = 'Account not available';
    setStatus('Not found, or not allowed', [
      `Account “${state.accountId}” does not exist, or your API key may not see it.`,
      h('p', null, h('a', { href: '/map/' }, 'Choose another account')),
    ], true);
  } else {
    setState('error');
    setStatus('The map could not be loaded', [err.message || String(err)], true);
  }
}

// --- model ---------------------------------------------------------------------------------
function applyMap(pm, gaps) {
  state.map = pm;
  state.gaps = [...gaps].sort((a, b) =>
    (SEV_ORDER[a.severity] ?? 9) - (SEV_ORDER[b.severity] ?? 9)
    || String(a.kind).localeCompare(String(b.kind))
    || String(a.subjectName || '').localeCompare(String(b.subjectName || '')));
  state.gapsBySubject = new Map();
  for (const g of state.gaps) {
    if (!state.gapsBySubject.has(g.subjectId)) state.gapsBySubject.set(g.subjectId, []);
    state.gapsBySubject.get(g.subjectId).push(g);
  }
  state.contacts = new Map((pm.contacts || []).map((c) => [c.id, c]));
  state.units = new Map((pm.units || []).map((u) => [u.id, u]));
  state.staff = new Map((pm.staff || []).map((s) => [s.id, s]));

  document.title = `${pm.accountName || pm.accountId} · Power map · relgraph`;
  $('account-name').textContent = pm.accountName || pm.accountId;
  const tier = $('account-tier');
  tier.hidden = !pm.tier;
  tier.textContent = pm.tier ? `Tier ${pm.tier}` : '';
  startFocus();
  document.body.dataset.focus = state.focus ? 'key-people' : 'all';
  $('expand-all').hidden = !state.focus;
  renderSearchList();
  renderAccountBadges();
  renderUnitFilter();
  renderPathForm();
  renderGapList();
  redraw();
  renderOpportunityPicker();
  document.body.dataset.asOf = state.asOf || '';
  setState('ready');
  setStatus(null);
  if (state.selected && state.contacts.has(state.selected)) showDetails(state.selected, false);
}

function clearMap() {
  state.map = null;
  state.contacts = new Map();
  state.units = new Map();
  state.gaps = [];
  state.gapsBySubject = new Map();
  if (state.cy) state.cy.elements().remove();
  if (state.overlay) state.overlay.replaceChildren();
  $('gap-list').replaceChildren(h('p', { class: 'muted' }, 'Nothing to show.'));
  $('gap-count').textContent = '';
  $('account-badges').replaceChildren();
  $('account-tier').hidden = true;
  $('details').replaceChildren(h('p', { class: 'muted' }, 'Click a contact on the map.'));
  $('path-list').replaceChildren();
}

async function restart() {
  clearPath();
  state.paths = [];
  try {
    await loadViewer();
  } catch (err) {
    handleError(err);
    return;
  }
  await loadAccount();
}

// Who the page acts as: a key (its role and account limit) or the development principal.

async function loadViewer() {
  let viewer = null;
  try {
    viewer = (await gql('Viewer', VIEWER_QUERY)).viewer;
  } catch (err) {
    if (err.kind === 'auth' || err.kind === 'network') throw err;
    return;
  }
  state.viewer = viewer;
  if (!state.key && viewer) markDevMode();
  else if (viewer) {
    const scope = viewer.accounts && viewer.accounts.length ? `limited to ${viewer.accounts.join(', ')}` : 'every account';
    $('key-button').title = `API key ${viewer.keyId || ''}: ${viewer.role}, ${scope}`;
  }
}

// Every unit expanded, the whole map in the window (the cards get small on a large account).
function showEveryone() {
  expandAll();
  redraw();
  fitView();
}

// --- print ---------------------------------------------------------------------------------
// Lay the map out again for the current size of the map area (print has another shape).
function relayout() {
  const cy = state.cy;
  cy.resize();
  if (state.activePath >= 0) {
    fitView(cy.elements('.on-path, .path-edge'));
    return;
  }
  runLayout(cy);
  renderCards();
  fitView();
}

function redrawNow() {
  // print captures the page right after the print events: draw the canvas at once
  const cy = state.cy;
  if (!cy) return;
  try {
    const r = cy.renderer();
    if (r && typeof r.render === 'function') r.render({ forcedContext: undefined });
  } catch (_) { /* the next animation frame draws it */ }
}

function beforePrint() {
  if (document.body.classList.contains('print-prep')) return;
  document.body.classList.add('print-prep');
  if (!state.cy) return;
  relayout();
  redrawNow();
}

function afterPrint() {
  if (!document.body.classList.contains('print-prep')) return;
  document.body.classList.remove('print-prep');
  if (!state.cy) return;
  relayout();
}

// --- start ---------------------------------------------------------------------------------
function wire() {
  $('controls').addEventListener('submit', (e) => e.preventDefault());
  $('unit-filter').addEventListener('change', (e) => { state.unitFilter = e.target.value; redraw(); });
  $('key-only').addEventListener('change', (e) => { state.keyOnly = e.target.checked; redraw(); });
  $('layout').addEventListener('change', (e) => { state.layout = e.target.value; redraw(); });
  $('as-of').addEventListener('change', (e) => {
    if (e.target.value === state.asOf) return;
    state.asOf = e.target.value;
    const url = new URL(window.location.href);
    if (state.asOf) url.searchParams.set('asOf', state.asOf); else url.searchParams.delete('asOf');
    window.history.replaceState(null, '', url);
    if (state.accountId) { clearPath(); state.paths = []; $('path-list').replaceChildren(); loadAccount(); }
  });
  $('fit').addEventListener('click', () => fitView());
  $('expand-all').addEventListener('click', showEveryone);
  $('person-search').addEventListener('change', (e) => searchPerson(e.target.value));
  $('person-search').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); searchPerson(e.target.value); }
  });
  $('print').addEventListener('click', () => window.print());
  $('export-svg').addEventListener('click', downloadSvg);
  $('gaps-csv').addEventListener('click', downloadGapsCsv);
  $('opportunity').addEventListener('change', (e) => {
    clearPath(); state.paths = []; $('path-list').replaceChildren();
    document.body.dataset.pathState = 'none';
    showOpportunity(e.target.value);
    if (!e.target.value) fitView();
  });
  $('export-png').addEventListener('click', () => downloadPng().catch((err) => {
    setStatus('The PNG could not be made', [err.message || String(err)], true);
  }));
  $('path-form').addEventListener('submit', (e) => { e.preventDefault(); findPaths(); });
  $('path-clear').addEventListener('click', () => {
    clearPath(); state.paths = []; $('path-list').replaceChildren();
    document.body.dataset.pathState = 'none';
    fitView();
  });
  for (const b of document.querySelectorAll('.tabs button')) {
    b.addEventListener('click', () => selectTab(b.dataset.tab));
  }
  window.addEventListener('beforeprint', beforePrint);
  window.addEventListener('afterprint', afterPrint);
  const printMedia = window.matchMedia('print');
  printMedia.addEventListener('change', (e) => (e.matches ? beforePrint() : afterPrint()));
  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { if (state.cy) { state.cy.resize(); syncOverlay(); } }, 120);
  });
}

// After an edit: the map loaded again where the user was looking.
async function reloadInPlace() {
  const cy = state.cy;
  const view = cy ? { zoom: cy.zoom(), pan: { ...cy.pan() } } : null;
  await loadAccount();
  if (view && state.cy && state.activePath < 0) { state.cy.viewport(view); syncOverlay(); }
}

async function start() {
  edits.reload = reloadInPlace;
  taps.contact = (id) => showDetails(id, true);
  taps.unit = (ref) => {
    if (toggleUnit(ref)) {
      redraw();
      const node = state.cy.getElementById(`unit:${ref}`);
      if (node.length) zoomTo(node);
    }
    if (state.gapsBySubject.has(ref)) selectTab('gaps');
  };
  wire();
  const match = window.location.pathname.match(/^\/map\/([^/]+)\/?$/);
  state.accountId = match ? decodeURIComponent(match[1]) : null;
  const params = new URLSearchParams(window.location.search);
  const asOf = params.get('asOf');
  if (asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) { state.asOf = asOf; $('as-of').value = asOf; }
  wireKeyDialog(restart);
  document.body.dataset.pathState = 'none';
  if (typeof window.cytoscape !== 'function') {
    setState('error');
    setStatus('The graph library is missing', [
      'This relgraph server could not serve cytoscape.js from /static/vendor/: its installed package '
      + 'is incomplete. Reinstall relgraph (the library ships inside it).',
    ], true);
    return;
  }
  await restart();
}

// For tests and the console: the live state and the cytoscape instance.
window.relgraphMap = {
  state,
  get cy() { return state.cy; },
  findPaths,
  showDetails: (id) => showDetails(id, true),
  showEveryone,
};

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();