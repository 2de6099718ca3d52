// The cytoscape canvas: org units as compound boxes, reporting and influence lines, fitted to
// the window. What a tap on a card or a unit does is set by the page (`taps`).

import { renderCards, syncOverlay } from './cards.js';
import { runLayout } from './layout.js';
import { unitDepth, unitSubtree, visibleContacts } from './model.js';
import { state } from './state.js';
import { $, CARD_H, CARD_W, fmtStrength, h } from './util.js';

// What a tap does (the details of a contact, the gaps of a unit), set by the page at start.
export const taps = { contact: () => {}, unit: () => {} };

// --- drawing -------------------------------------------------------------------------------
const STYLE = [
  { selector: 'node', style: { 'font-family': 'Liberation Sans, DejaVu Sans, Arial, sans-serif' } },
  {
    selector: 'node.person',
    style: {
      shape: 'round-rectangle', width: CARD_W, height: CARD_H,
      'background-opacity': 0, 'border-width': 0, label: '',
    },
  },
  {
    selector: 'node.unit',
    style: {
      shape: 'round-rectangle', 'background-color': '#eef2f6', 'background-opacity': 0.7,
      'border-width': 1, 'border-color': '#bcccdc', label: 'data(label)',
      'text-valign': 'top', 'text-halign': 'center', 'text-margin-y': -3, 'font-size': 14,
      'font-weight': 'bold', color: '#334e68', padding: 14, 'min-zoomed-font-size': 5,
      'text-max-width': 400, 'text-wrap': 'ellipsis',
    },
  },
  { selector: 'node.unit.odd', style: { 'background-color': '#f8fafc' } },
  { selector: 'node.unit.dark', style: { 'border-color': '#5c7cfa', 'border-style': 'dashed', 'border-width': 2 } },
  {
    selector: 'node.group',
    style: {
      shape: 'round-rectangle', 'background-color': '#e7f0fb', 'background-opacity': 0.6,
      'border-width': 1, 'border-color': '#1c5d99', label: 'data(label)', 'text-valign': 'top',
      'text-halign': 'center', 'text-margin-y': -3, 'font-size': 14, 'font-weight': 'bold',
      color: '#1c5d99', padding: 14,
    },
  },
  {
    selector: 'edge.reports',
    style: {
      width: 1.6, 'line-color': '#8a96a3', 'curve-style': 'taxi', 'taxi-direction': 'downward',
      'taxi-turn': 24, 'target-arrow-shape': 'none',
    },
  },
  {
    selector: 'edge.influence',
    style: {
      width: 'mapData(strength, 0, 1, 1.2, 4)', 'line-color': '#7048e8', 'line-style': 'dashed',
      'line-dash-pattern': [7, 4], 'target-arrow-shape': 'triangle',
      'target-arrow-color': '#7048e8', 'arrow-scale': 1.1, 'curve-style': 'bezier', opacity: 0.9,
      label: 'data(label)', 'font-size': 10, color: '#5f3dc4', 'text-background-color': '#fff',
      'text-background-opacity': 0.85, 'text-background-padding': 2, 'min-zoomed-font-size': 7,
      'z-index': 5,
    },
  },
  {
    selector: 'edge.path-edge',
    style: {
      width: 5, 'line-color': '#e8590c', 'target-arrow-shape': 'triangle',
      'target-arrow-color': '#e8590c', 'curve-style': 'bezier', label: 'data(label)',
      'font-size': 12, 'font-weight': 'bold', color: '#c2410c', 'text-background-color': '#fff',
      'text-background-opacity': 1, 'text-background-padding': 3, 'text-border-width': 1,
      'text-border-color': '#e8590c', 'text-border-opacity': 1, 'z-index': 20,
      'z-compound-depth': 'top',
    },
  },
  { selector: 'edge.reports.indirect', style: { 'line-style': 'dotted', 'line-color': '#9aa5b1' } },
  { selector: 'edge.path-edge.knows', style: { 'line-style': 'solid' } },
  { selector: 'edge.path-edge.influences', style: { 'line-style': 'dashed', 'line-dash-pattern': [9, 4] } },
  {
    selector: 'node.placeholder',
    style: { width: 150, height: 26, 'background-opacity': 0, 'border-width': 0, label: '', events: 'no' },
  },
  { selector: '.faded', style: { opacity: 0.15 } },
];

function ensureCy() {
  if (state.cy) return state.cy;
  const container = $('map');
  const cy = cytoscape({
    container,
    style: STYLE,
    elements: [],
    minZoom: 0.05,
    maxZoom: 2.5,
    autoungrabify: true,
    boxSelectionEnabled: false,
    selectionType: 'single',
  });
  const overlay = h('div', { class: 'overlay', 'aria-hidden': 'false' });
  container.append(overlay);
  state.cy = cy;
  state.overlay = overlay;
  cy.on('viewport resize', syncOverlay);
  cy.on('tap', 'node.person', (evt) => {
    const id = evt.target.id();
    if (state.contacts.has(id)) taps.contact(id);
  });
  cy.on('tap', 'node.unit', (evt) => taps.unit(evt.target.data('ref')));
  return cy;
}

function contactElements(list) {
  const els = [];
  const shown = new Set(list.map((c) => c.id));
  const usedUnits = new Set();
  // a unit and its ancestors get boxes; with a unit filter, only up to the chosen unit
  const within = state.unitFilter && state.units.has(state.unitFilter) ? unitSubtree(state.unitFilter) : null;
  const useUnit = (start) => {
    let u = state.units.get(start);
    const seen = new Set();
    while (u && !seen.has(u.id) && (!within || within.has(u.id))) {
      seen.add(u.id);
      usedUnits.add(u.id);
      u = state.units.get(u.parent);
    }
  };
  for (const c of list) if (c.orgUnit && state.units.has(c.orgUnit)) useUnit(c.orgUnit);
  // Org units with gaps (e.g. dark units) are drawn even when none of their contacts is.
  for (const g of state.gaps) {
    if (state.units.has(g.subjectId) && (!within || within.has(g.subjectId))) useUnit(g.subjectId);
  }
  for (const id of usedUnits) {
    const u = state.units.get(id);
    const parent = u.parent && usedUnits.has(u.parent) ? `unit:${u.parent}` : undefined;
    const dark = (state.gapsBySubject.get(id) || []).some((g) => g.kind === 'DARK_ORG_UNIT');
    els.push({
      group: 'nodes',
      data: { id: `unit:${id}`, ref: id, label: u.name, parent, depth: unitDepth(id) },
      classes: `unit${dark ? ' dark' : ''}${unitDepth(id) % 2 ? ' odd' : ''}`,
    });
    const hasChild = list.some((c) => c.orgUnit === id)
      || [...usedUnits].some((o) => state.units.get(o).parent === id);
    if (!hasChild) {
      // an org unit with nothing drawn in it (e.g. a dark unit) still needs a body
      els.push({ group: 'nodes', data: { id: `empty:${id}`, parent: `unit:${id}` }, classes: 'placeholder' });
    }
  }
  for (const c of list) {
    els.push({
      group: 'nodes',
      data: {
        id: c.id, kind: 'contact', ref: c.id,
        parent: c.orgUnit && usedUnits.has(c.orgUnit) ? `unit:${c.orgUnit}` : undefined,
      },
      classes: 'person contact',
    });
  }
  for (const l of state.map.links || []) {
    if (!shown.has(l.from) || !shown.has(l.to) || l.from === l.to) continue;
    if (l.type === 'REPORTS_TO') {
      els.push({
        group: 'edges',
        data: { id: `rep:${l.from}>${l.to}`, source: l.to, target: l.from, type: l.type },
        classes: 'reports',
      });
    } else if (l.type === 'INFLUENCES') {
      els.push({
        group: 'edges',
        data: {
          id: `inf:${l.from}>${l.to}`, source: l.from, target: l.to, type: l.type,
          strength: l.strength ?? 0.5, label: fmtStrength(l.strength),
        },
        classes: 'influence',
      });
    }
  }
  // A contact whose manager is filtered out hangs from the nearest shown manager above,
  // with a dotted (indirect) line, so the filtered map keeps the shape of the hierarchy.
  const managers = new Map();
  for (const l of state.map.links || []) {
    if (l.type === 'REPORTS_TO' && l.from !== l.to && !managers.has(l.from)) managers.set(l.from, l.to);
  }
  for (const c of list) {
    let boss = managers.get(c.id);
    if (boss === undefined || shown.has(boss)) continue;
    const seen = new Set([c.id]);
    while (boss !== undefined && !shown.has(boss) && !seen.has(boss)) { seen.add(boss); boss = managers.get(boss); }
    if (boss !== undefined && shown.has(boss) && boss !== c.id) {
      els.push({
        group: 'edges',
        data: { id: `ind:${c.id}>${boss}`, source: boss, target: c.id, type: 'REPORTS_TO_INDIRECT' },
        classes: 'reports indirect',
      });
    }
  }
  return els;
}

// Draw the map anew: the shown contacts and their units and lines, laid out, with their cards.
export function drawMap() {
  const cy = ensureCy();
  state.paths = state.paths || [];
  cy.startBatch();
  cy.elements().remove();
  cy.add(contactElements(visibleContacts()));
  cy.endBatch();
  runLayout(cy);
  renderCards();
  fitView();
  document.body.classList.remove('path-mode');
}

export function fitView(eles) {
  const cy = state.cy;
  if (!cy) return;
  cy.resize();
  const target = eles && eles.length ? eles : cy.elements();
  if (!target.length) { syncOverlay(); return; }
  // leave room above for the account-level gap badges that float over the map
  const badges = $('account-badges');
  const pad = 20;
  const top = badges.childElementCount ? badges.offsetHeight + 14 : pad;
  const bb = target.boundingBox();
  const w = cy.width();
  const hgt = cy.height();
  let zoom = Math.min((w - 2 * pad) / Math.max(bb.w, 1), (hgt - top - pad) / Math.max(bb.h, 1), 1.1);
  zoom = Math.max(cy.minZoom(), zoom);
  cy.viewport({
    zoom,
    pan: {
      x: (w - bb.w * zoom) / 2 - bb.x1 * zoom,
      y: top + Math.max(0, (hgt - top - pad - bb.h * zoom) / 2) - bb.y1 * zoom,
    },
  });
  syncOverlay();
}
