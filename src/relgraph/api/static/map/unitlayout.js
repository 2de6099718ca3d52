// The layout of a focused map: every org unit is a rectangle packed inside its parent's, its
// own people in a grid on top and its sub-units in rows below. Sibling rectangles are placed
// side by side with a gap, so no two unit boxes can overlap, whatever the reporting lines do.

import { isKeyPerson } from './focus.js';
import { state } from './state.js';
import { CARD_H, CARD_W } from './util.js';

const GAP = 22;        // between sibling boxes and cards
export const NEST_PADDING = 6; // cytoscape's padding of a nested unit box (style node.unit.nested)
const PAD = NEST_PADDING + 4;  // from a block's edge to its contents: the box plus a margin
const LABEL = 24;      // room for a unit's name above its box
const LETTER = 8.5;    // about one letter of a 14 px bold unit name

const RANK_ORDER = { S: 0, A: 1, B: 2, C: 3 };

function byImportance(a, b) {
  const ca = state.contacts.get(a.id()) || {};
  const cb = state.contacts.get(b.id()) || {};
  return Number(isKeyPerson(cb)) - Number(isKeyPerson(ca))
    || (RANK_ORDER[ca.rank] ?? 9) - (RANK_ORDER[cb.rank] ?? 9)
    || String(ca.name).localeCompare(String(cb.name));
}

// Rows of blocks no wider than `maxW` (a block wider than that gets a row of its own).
function shelves(blocks, maxW) {
  const rows = [];
  let row = null;
  for (const b of blocks) {
    if (!row || (row.items.length && row.w + GAP + b.w > maxW)) {
      row = { items: [], w: 0, h: 0 };
      rows.push(row);
    }
    row.w += (row.items.length ? GAP : 0) + b.w;
    row.h = Math.max(row.h, b.h);
    row.items.push(b);
  }
  return rows;
}

function placeRows(rows, left, top) {
  let y = top;
  for (const row of rows) {
    let x = left;
    for (const b of row.items) { b.place(x, y); x += b.w + GAP; }
    y += row.h + GAP;
  }
}

function rowsSize(rows) {
  return {
    w: rows.reduce((m, r) => Math.max(m, r.w), 0),
    h: rows.reduce((t, r) => t + r.h, 0) + Math.max(0, rows.length - 1) * GAP,
  };
}

// A width for rows of these blocks that gives a block about as wide as the map is.
function rowWidth(blocks, aspect) {
  const area = blocks.reduce((a, b) => a + (b.w + GAP) * (b.h + GAP), 0);
  return Math.max(Math.sqrt(area * aspect), ...blocks.map((b) => b.w));
}

export function unitLayout(cy) {
  const positions = new Map();
  const box = cy.container().getBoundingClientRect();
  const aspect = Math.max(0.8, (box.width || 1000) / Math.max(200, box.height || 600));

  function leaf(node) {
    const w = node.hasClass('person') ? CARD_W : node.width();
    const h = node.hasClass('person') ? CARD_H : node.height();
    return { w, h, keyed: node.hasClass('contact') && isKeyPerson(state.contacts.get(node.id()) || {}),
      place: (left, top) => positions.set(node.id(), { x: left + w / 2, y: top + h / 2 }) };
  }

  function measure(node) {
    if (!node.isParent()) return leaf(node);
    const kids = node.children();
    const people = kids.filter((n) => n.hasClass('person') || n.hasClass('placeholder')).sort(byImportance);
    const units = kids.filter((n) => n.isParent() || n.hasClass('collapsed')).map(measure)
      .sort((a, b) => Number(b.keyed) - Number(a.keyed) || b.h - a.h);
    const cols = Math.max(1, Math.min(people.length, Math.ceil(Math.sqrt(people.length * 1.2))));
    const grid = {
      w: people.length ? cols * CARD_W + (cols - 1) * GAP : 0,
      h: people.length ? Math.ceil(people.length / cols) * (CARD_H + GAP) - GAP : 0,
    };
    const rows = shelves(units, Math.max(grid.w, rowWidth(units, aspect)));
    const sub = rowsSize(rows);
    const labelW = String(node.data('label') || '').length * LETTER;
    const innerW = Math.max(grid.w, sub.w, labelW);
    const innerH = grid.h + (grid.h && sub.h ? GAP : 0) + sub.h;
    return {
      w: innerW + 2 * PAD, h: innerH + 2 * PAD + LABEL,
      keyed: people.some((p) => p.hasClass('contact') && isKeyPerson(state.contacts.get(p.id()) || {}))
        || units.some((u) => u.keyed),
      place: (left, top) => {
        // centred, so that a name wider than the contents stays over its own box
        const x0 = left + PAD + (innerW - Math.max(grid.w, sub.w)) / 2;
        const y0 = top + LABEL + PAD;
        people.forEach((p, i) => positions.set(p.id(), {
          x: x0 + (i % cols) * (CARD_W + GAP) + CARD_W / 2,
          y: y0 + Math.floor(i / cols) * (CARD_H + GAP) + CARD_H / 2,
        }));
        placeRows(rows, x0, y0 + grid.h + (grid.h ? GAP : 0));
      },
    };
  }

  // top level: units holding key people first (the page opens on the top left), then the rest
  const roots = cy.nodes().filter((n) => !n.isChild() && !n.hasClass('transient')).map(measure)
    .sort((a, b) => Number(b.keyed) - Number(a.keyed) || b.h - a.h);
  placeRows(shelves(roots, rowWidth(roots, aspect)), 0, 0);
  cy.batch(() => {
    cy.nodes().not(':parent').forEach((n) => {
      const p = positions.get(n.id());
      if (p) n.position(p);
    });
  });
}
