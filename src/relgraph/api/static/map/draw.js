// The cytoscape canvas: org units as compound boxes, reporting and influence lines, fitted to
// the window. What a tap on a card or a unit does is set by the page (`taps`).

import { renderCards, syncOverlay } from './cards.js';
import { READABLE_ZOOM, shownInFocus, unitLabel } from './focus.js';
import { runLayout } from './layout.js';
import { NEST_PADDING } from './unitlayout.js';
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
  { selector: 'node.unit.nested', style: { padding: NEST_PADDING } },
  {
    // a collapsed unit: one box with its name and counts, the text inside it
    selector: 'node.unit.collapsed',
    style: {
      width: 'data(w)', height: 'data(h)', 'background-color': '#dde6ef', 'background-opacity': 1,
      'text-valign': 'center', 'text-margin-y': 0, 'text-wrap': 'wrap', 'text-max-width': 'data(tw)',
      'font-size': 13, 'line-height': 1.35, padding: 0, cursor: 'pointer',
    },
  },
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
  // straight lines between the rows of a focused map: the cheapest edges to draw while zooming
  { selector: 'edge.reports.loose', style: { 'curve-style': 'haystack', 'haystack-radius': 0 } },
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
    // while the user pans or zooms, move a picture of the canvas instead of redrawing it
    textureOnViewport: true,
    hideEdgesOnViewport: true,
    motionBlur: false,
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

// A collapsed box is wide enough for its name on one line (13 px bold is about 7.5 px a letter).
function collapsedSize(name) {
  const w = Math.min(340, Math.max(CARD_W, String(name).length * 7.5 + 28));
  return { w, h: CARD_H, tw: w - 16 };
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
  if (flatLayers()) {
    // the layered chart of a focused map: no unit boxes around people (dagre cannot keep nested
    // boxes apart); a unit with people not shown is a collapsed box below the chart
    for (const [id, u] of state.units) {
      if (within && !within.has(id)) continue;
      const n = state.unitCounts.get(id) || { direct: 0 };
      const drawn = list.filter((c) => c.orgUnit === id).length;
      if (n.direct > drawn) {
        els.push({
          group: 'nodes',
          data: { id: `unit:${id}`, ref: id, label: unitLabel(id, true, drawn), depth: unitDepth(id), ...collapsedSize(u.name) },
          classes: 'unit collapsed',
        });
      }
    }
    usedUnits.clear();
  } else if (state.focus) {
    // the whole unit tree: open units (something shown or expanded) as boxes around their
    // people, the first closed unit below an open one as a collapsed box with its counts
    for (const id of state.expanded) if (!within || within.has(id)) useUnit(id);
    for (const [id, u] of state.units) {
      const top = within ? id === state.unitFilter : !u.parent || !state.units.has(u.parent);
      if (!usedUnits.has(id) && (!within || within.has(id)) && (top || usedUnits.has(u.parent))) {
        els.push({
          group: 'nodes',
          data: {
            id: `unit:${id}`, ref: id, label: unitLabel(id, true, 0), depth: unitDepth(id),
            ...collapsedSize(u.name),
            parent: u.parent && usedUnits.has(u.parent) ? `unit:${u.parent}` : undefined,
          },
          classes: 'unit collapsed',
        });
      }
    }
  } else {
    // Org units with gaps (e.g. dark units) are drawn even when none of their contacts is.
    for (const g of state.gaps) {
      if (state.units.has(g.subjectId) && (!within || within.has(g.subjectId))) useUnit(g.subjectId);
    }
  }
  for (const id of usedUnits) {
    const u = state.units.get(id);
    const parent = u.parent && usedUnits.has(u.parent) ? `unit:${u.parent}` : undefined;
    const dark = (state.gapsBySubject.get(id) || []).some((g) => g.kind === 'DARK_ORG_UNIT');
    const direct = list.filter((c) => c.orgUnit === id).length;
    els.push({
      group: 'nodes',
      data: { id: `unit:${id}`, ref: id, label: unitLabel(id, false, direct), parent, depth: unitDepth(id) },
      classes: `unit${dark ? ' dark' : ''}${unitDepth(id) % 2 ? ' odd' : ''}${state.focus ? ' nested' : ''}`,
    });
    const hasChild = direct > 0 || [...state.units.values()].some((o) => o.parent === id
      && (usedUnits.has(o.id) || (state.focus && (!within || within.has(o.id)))));
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
        classes: state.focus ? 'reports loose' : 'reports',
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
        classes: state.focus ? 'reports indirect loose' : 'reports indirect',
      });
    }
  }
  return els;
}

// A focused map in the layered layout is drawn without unit boxes around its people.
function flatLayers() {
  return state.focus && state.layout === 'dagre';
}

// Draw the map anew: the shown contacts and their units and lines, laid out, with their cards.

export function drawMap() {
  const cy = ensureCy();
  state.paths = state.paths || [];
  cy.startBatch();
  cy.elements().remove();
  cy.add(contactElements(visibleContacts().filter(shownInFocus)));
  cy.endBatch();
  runLayout(cy);
  renderCards();
  if (state.focus) openReadable(); else fitView();
  document.body.classList.remove('path-mode');
}

export function fitView(eles, pad = 20, maxZoom = 1.1) {
  const cy = state.cy;
  if (!cy) return;
  cy.resize();
  const target = eles && eles.length ? eles : cy.elements();
  if (!target.length) { syncOverlay(); return; }
  // leave room above for the account-level gap badges that float over the map
  const badges = $('account-badges');
  const top = badges.childElementCount ? badges.offsetHeight + 14 + Math.max(0, pad - 20) : pad;
  const bb = target.boundingBox();
  const w = cy.width();
  const hgt = cy.height();
  let zoom = Math.min((w - 2 * pad) / Math.max(bb.w, 1), (hgt - top - pad) / Math.max(bb.h, 1), maxZoom);
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

// A focused map opens at a zoom where every card's text is at least 11 px, on the top left of
// the layout (where the units holding key people are placed), centred when it is narrower.
export function openReadable() {
  const cy = state.cy;
  cy.resize();
  const bb = cy.elements().boundingBox();
  const zoom = READABLE_ZOOM;
  const pad = 20;
  const badges = $('account-badges');
  const top = badges.childElementCount ? badges.offsetHeight + 14 : pad;
  const spare = cy.width() - bb.w * zoom;
  cy.viewport({
    zoom,
    pan: { x: (spare > 0 ? spare / 2 : pad) - bb.x1 * zoom, y: top - bb.y1 * zoom },
  });
  syncOverlay();
}

// Bring a node (a card or a unit box) into view at a readable zoom: centred when it fits,
// else its top left corner.
export function zoomTo(node) {
  const cy = state.cy;
  const zoom = Math.max(cy.zoom(), READABLE_ZOOM);
  const bb = node.boundingBox();
  const pad = 30;
  const along = (lo, size, room) => (size * zoom + 2 * pad <= room
    ? room / 2 - (lo + size / 2) * zoom : pad - lo * zoom);
  cy.viewport({ zoom, pan: { x: along(bb.x1, bb.w, cy.width()), y: along(bb.y1, bb.h, cy.height()) } });
  syncOverlay();
}
