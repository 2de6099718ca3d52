// Where each card goes: the compact org chart (default), the nested unit boxes of a focused
// (large) map, or the layered (dagre) layout.

import { state } from './state.js';
import { unitLayout } from './unitlayout.js';
import { CARD_H, CARD_W } from './util.js';

// --- compact org-chart layout ----------------------------------------------------------------
// A tidy tree over the current reporting lines: a manager's leaf reports in the same unit are
// stacked in two columns either side of a trunk line, other reports (sub-trees) sit in a row
// below. A sub-tree that enters another org unit gets room for that unit's box and label.
const GAP_X = 16;
const GAP_Y = 36;
const TRUNK = 24;
const ROW_GAP = 10;
const UNIT_PAD = 14;
const UNIT_LABEL = 24;

const RANK_ORDER = { S: 0, A: 1, B: 2, C: 3 };

function orgChartLayout(cy) {
  const people = cy.nodes('.person.contact');
  const ids = new Set(people.map((n) => n.id()));
  const managerOf = new Map();
  const kids = new Map();
  cy.edges('.reports').forEach((e) => {
    const boss = e.source().id();
    const who = e.target().id();
    if (managerOf.has(who) || !ids.has(boss) || !ids.has(who)) return; // first line leads
    managerOf.set(who, boss);
  });
  // break cycles: walk up from each person; a repeat means the line closing the loop is dropped
  for (const id of ids) {
    const seen = new Set([id]);
    let cur = managerOf.get(id);
    while (cur !== undefined) {
      if (seen.has(cur)) { managerOf.delete(id); break; }
      seen.add(cur);
      cur = managerOf.get(cur);
    }
  }
  for (const [who, boss] of managerOf) {
    if (!kids.has(boss)) kids.set(boss, []);
    kids.get(boss).push(who);
  }
  const unitOf = (id) => (state.contacts.get(id) || {}).orgUnit || '';
  const unitName = (id) => ((state.units.get(unitOf(id)) || {}).name || '');
  const order = (a, b) => {
    const ca = state.contacts.get(a);
    const cb = state.contacts.get(b);
    return unitName(a).localeCompare(unitName(b))
      || (RANK_ORDER[ca.rank] ?? 9) - (RANK_ORDER[cb.rank] ?? 9)
      || ((kids.get(b) || []).length - (kids.get(a) || []).length)
      || String(ca.name).localeCompare(String(cb.name));
  };
  // Lay the forest out with every level from `stackFrom` down drawn as an indented list.
  function arrange(stackFrom, maxRow) {
    const positions = new Map();
    const turns = new Map();

    function measure(id, parentUnit, depth) {
      const children = (kids.get(id) || []).slice().sort(order);
      const boundary = parentUnit === null || unitOf(id) !== parentUnit;
      const mx = boundary ? UNIT_PAD + 6 : 0;
      const mt = boundary ? UNIT_PAD + UNIT_LABEL : 0;
      const mb = boundary ? UNIT_PAD + 6 : 0;
      const block = { id, left: depth >= stackFrom };
      if (depth >= stackFrom) {
        // indented list: children one below the other, right of a trunk from this card
        const subs = children.map((k) => measure(k, unitOf(id), depth + 1));
        const innerW = Math.max(CARD_W, subs.reduce((m, b) => Math.max(m, b.w), 0) + CARD_W / 2 + TRUNK / 2);
        const innerH = CARD_H + subs.reduce((t, b) => t + b.h + ROW_GAP, 0);
        block.w = innerW + 2 * mx;
        block.h = innerH + mt + mb;
        block.place = (left, top) => {
          const cx = left + mx + CARD_W / 2;
          const cy0 = top + mt + CARD_H / 2;
          positions.set(id, { x: cx, y: cy0 });
          let y = top + mt + CARD_H + ROW_GAP;
          for (const b of subs) {
            b.place(cx + TRUNK / 2, y);
            turns.set(`${id}>${b.id}`, b.cardY - (cy0 + CARD_H / 2));
            y += b.h + ROW_GAP;
          }
          block.cardY = cy0;
        };
        return block;
      }
      let stack = children.filter((k) => !(kids.get(k) || []).length && unitOf(k) === unitOf(id));
      if (stack.length < 2) stack = [];
      const subs = children.filter((k) => !stack.includes(k)).map((k) => measure(k, unitOf(id), depth + 1));
      const rows = Math.ceil(stack.length / 2);
      const stackW = stack.length ? 2 * CARD_W + TRUNK : 0;
      const stackH = stack.length ? ROW_GAP + rows * (CARD_H + ROW_GAP) : 0;
      // sub-trees in one row, or wrapped into several rows split around the trunk line
      const oneRowW = subs.reduce((w, b) => w + b.w, 0) + Math.max(0, subs.length - 1) * GAP_X;
      const lines = [];
      if (oneRowW <= maxRow || subs.length < 3) {
        lines.push({ left: [], right: subs, w: oneRowW, h: subs.reduce((m, b) => Math.max(m, b.h), 0), split: false });
      } else {
        let cur = [];
        let curW = 0;
        for (const b of subs) {
          if (cur.length && curW + GAP_X + b.w > maxRow) { lines.push(cur); cur = []; curW = 0; }
          curW += (cur.length ? GAP_X : 0) + b.w;
          cur.push(b);
        }
        if (cur.length) lines.push(cur);
        for (let i = 0; i < lines.length; i += 1) {
          const list = lines[i];
          const half = list.reduce((w, b) => w + b.w, 0) / 2;
          let acc = 0;
          let k = 0;
          while (k < list.length - 1 && acc + list[k].w / 2 < half) { acc += list[k].w + GAP_X; k += 1; }
          const left = list.slice(0, Math.max(1, k));
          const right = list.slice(Math.max(1, k));
          const width = (g) => g.reduce((w, b) => w + b.w, 0) + Math.max(0, g.length - 1) * GAP_X;
          const last = i === lines.length - 1;
          // the last row needs no gap for the trunk: nothing hangs below it
          lines[i] = {
            left, right, split: !last,
            w: last ? width(list) : 2 * Math.max(width(left), width(right)) + 2 * TRUNK,
            lw: width(left), rw: width(right),
            h: list.reduce((m, b) => Math.max(m, b.h), 0),
          };
        }
      }
      const rowW = lines.reduce((m, l) => Math.max(m, l.w), 0);
      const rowH = lines.reduce((t, l) => t + l.h + GAP_Y, 0);
      const innerW = Math.max(CARD_W, stackW, rowW);
      const innerH = CARD_H + stackH + (subs.length ? rowH : 0);
      block.w = innerW + 2 * mx;
      block.h = innerH + mt + mb;
      block.place = (left, top) => {
        const cx = left + block.w / 2;
        const y0 = top + mt;
        const cy0 = y0 + CARD_H / 2;
        block.cardY = cy0;
        positions.set(id, { x: cx, y: cy0 });
        stack.forEach((k, i) => {
          const row = Math.floor(i / 2);
          const side = i % 2 === 0 ? -1 : 1;
          const ky = y0 + CARD_H + ROW_GAP + row * (CARD_H + ROW_GAP) + CARD_H / 2;
          positions.set(k, { x: cx + side * (TRUNK / 2 + CARD_W / 2), y: ky });
          turns.set(`${id}>${k}`, ky - (cy0 + CARD_H / 2));
        });
        let rowTop = y0 + CARD_H + stackH + GAP_Y;
        for (const line of lines) {
          const put = (group, x0) => {
            let x = x0;
            for (const b of group) {
              b.place(x, rowTop);
              turns.set(`${id}>${b.id}`, rowTop - (cy0 + CARD_H / 2) - GAP_Y / 2);
              x += b.w + GAP_X;
            }
          };
          if (line.split) {
            put(line.left, cx - TRUNK - line.lw);
            put(line.right, cx + TRUNK);
          } else {
            put([...line.left, ...line.right], cx - line.w / 2);
          }
          rowTop += line.h + GAP_Y;
        }
      };
      return block;
    }

    // roots: people without a drawn manager, grouped by unit; a unit's lone leaves form a grid
    const roots = [...ids].filter((id) => !managerOf.has(id)).sort(order);
    const blocks = [];
    const byUnit = new Map();
    for (const r of roots) {
      if ((kids.get(r) || []).length) { blocks.push(measure(r, null, 0)); continue; }
      const u = unitOf(r);
      if (!byUnit.has(u)) byUnit.set(u, []);
      byUnit.get(u).push(r);
    }
    for (const [, list] of byUnit) {
      const cols = Math.min(list.length, Math.max(1, Math.ceil(Math.sqrt(list.length * 1.5))));
      const rows = Math.ceil(list.length / cols);
      const m = UNIT_PAD + 6;
      const block = {
        w: cols * CARD_W + (cols - 1) * GAP_X + 2 * m,
        h: rows * CARD_H + (rows - 1) * ROW_GAP + 2 * m + UNIT_LABEL,
      };
      block.place = (left, top) => list.forEach((id, i) => {
        positions.set(id, {
          x: left + m + (i % cols) * (CARD_W + GAP_X) + CARD_W / 2,
          y: top + m + UNIT_LABEL + Math.floor(i / cols) * (CARD_H + ROW_GAP) + CARD_H / 2,
        });
      });
      blocks.push(block);
    }
    // blocks side by side, wrapped into rows about as wide as the map is wide
    const total = blocks.reduce((a, b) => a + b.w * b.h, 0);
    const rootRow = Math.max(0, ...blocks.map((b) => b.w), Math.sqrt(total * aspect));
    let x = 0;
    let y = 0;
    let rowH = 0;
    let width = 0;
    for (const b of blocks) {
      if (x > 0 && x + b.w > rootRow) { x = 0; y += rowH + GAP_Y; rowH = 0; }
      b.place(x, y);
      x += b.w + GAP_X * 2;
      width = Math.max(width, x);
      rowH = Math.max(rowH, b.h);
    }
    return { positions, turns, width, height: y + rowH };
  }

  // Pick the arrangement that the map area shows largest (the highest fit zoom), preferring
  // the plainest one (fewest stacked levels, no wrapped rows) when they are about as large.
  const box = cy.container().getBoundingClientRect();
  const vw = Math.max(200, (box.width || 1000) - 40);
  const vh = Math.max(200, (box.height || 600) - 60);
  const aspect = vw / vh;
  const cardArea = ids.size * (CARD_W + GAP_X) * (CARD_H + ROW_GAP) * 2.2;
  const natural = Math.sqrt(cardArea * aspect);
  let best = null;
  for (const wrap of [Infinity, natural * 1.4, natural, natural * 0.7]) {
    for (let from = 12; from >= 1; from -= 1) {
      const result = arrange(from, Math.max(wrap, CARD_W * 3));
      const zoom = Math.min(vw / Math.max(1, result.width), vh / Math.max(1, result.height));
      if (!best || zoom > best.zoom * 1.04) best = { ...result, zoom };
    }
  }
  const { positions, turns } = best;
  const y = best.height;
  const rowH = 0;
  // units without drawn people (placeholders) go in a last row
  let px = 0;
  const py = y + rowH + GAP_Y + UNIT_LABEL;
  cy.nodes('.placeholder').forEach((n) => {
    positions.set(n.id(), { x: px + 75, y: py });
    px += 150 + 2 * UNIT_PAD + GAP_X * 2;
  });
  cy.batch(() => {
    cy.nodes().not(':parent').forEach((n) => {
      const p = positions.get(n.id());
      if (p) n.position(p);
    });
    cy.edges('.reports').forEach((e) => {
      const t = turns.get(`${e.source().id()}>${e.target().id()}`);
      if (t !== undefined) e.style({ 'taxi-turn': Math.max(4, t), 'taxi-turn-min-distance': 2 });
    });
  });
}

export function runLayout(cy) {
  if (state.layout === 'dagre') {
    try {
      if (state.focus) layeredPeople(cy); else dagreLayout(cy);
      return;
    } catch (err) { console.warn('layered layout failed', err); }
  }
  // a focused (large) map nests its unit boxes: the org chart's boxes overlap at that size
  if (state.focus) unitLayout(cy); else orgChartLayout(cy);
}

// The key-people view in layers: the people drawn, ranked by their reporting lines, and below
// them the collapsed boxes of the units whose other people are not shown, in rows.
function layeredPeople(cy) {
  const people = cy.nodes('.person');
  people.union(cy.edges('.reports')).layout({
    name: 'dagre', rankDir: 'TB', nodeSep: 22, rankSep: 56, edgeSep: 10,
    ranker: 'network-simplex', fit: false, animate: false,
  }).run();
  const bb = people.length ? people.boundingBox() : { x1: 0, x2: 0, y2: 0, w: 0 };
  const units = cy.nodes('.unit.collapsed').sort((a, b) => String(a.data('label')).localeCompare(String(b.data('label'))));
  const rowW = Math.max(bb.w, 4 * CARD_W);
  let x = bb.x1;
  let y = bb.y2 + GAP_Y * 2;
  let rowH = 0;
  cy.batch(() => units.forEach((n) => {
    const w = n.width();
    if (x > bb.x1 && x + w > bb.x1 + rowW) { x = bb.x1; y += rowH + ROW_GAP; rowH = 0; }
    n.position({ x: x + w / 2, y: y + n.height() / 2 });
    x += w + GAP_X;
    rowH = Math.max(rowH, n.height());
  }));
}

function dagreLayout(cy) {
  cy.elements().not('edge.influence').layout({
    name: 'dagre', rankDir: 'TB', nodeSep: 18, rankSep: 46, edgeSep: 10,
    ranker: 'network-simplex', fit: false, animate: false,
  }).run();
}
