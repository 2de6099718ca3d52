// Influence paths to a contact: asked from the API, listed, and drawn over the map (people
// not on the map are placed next to their neighbour on the path).

import { gql, PATHS_QUERY } from './api.js';
import { renderCards } from './cards.js';
import { drawMap, fitView } from './draw.js';
import { READABLE_ZOOM } from './focus.js';
import { dropOpportunity, markChain } from './opportunities.js';
import { personName } from './model.js';
import { state } from './state.js';
import { $, CARD_H, CARD_W, fmtStrength, h } from './util.js';

// --- influence paths -----------------------------------------------------------------------
// Draw the map again and, when a path was shown, show it again on the new drawing.
export function redraw() {
  drawMap();
  if (state.activePath >= 0 && state.paths[state.activePath]) showPath(state.activePath);
  else if (state.opportunity) markChain();
}

export async function findPaths() {
  const target = $('path-target').value;
  if (!target) { $('path-target').focus(); return; }
  const list = $('path-list');
  document.body.dataset.pathState = 'loading';
  list.replaceChildren(h('p', { class: 'muted' }, 'Searching…'));
  const vars = {
    target, from: $('path-from').value ? [$('path-from').value] : null,
    maxHops: Number($('path-hops').value), limit: Number($('path-limit').value),
    asOf: state.asOf || null,
  };
  let paths;
  try {
    const data = await gql('Paths', PATHS_QUERY, vars);
    paths = data.influencePaths || [];
  } catch (err) {
    document.body.dataset.pathState = 'error';
    list.replaceChildren(h('p', { class: 'muted' }, `No paths: ${err.message}`));
    return;
  }
  state.paths = paths;
  renderPathList(target);
  if (paths.length) {
    showPath(0);
    document.body.dataset.pathState = 'shown';
  } else {
    clearPath();
    document.body.dataset.pathState = 'empty';
  }
}

function renderPathList(target) {
  const list = $('path-list');
  list.replaceChildren();
  if (!state.paths.length) {
    list.append(h('p', { class: 'muted' }, `No path from our side reaches ${personName(target)} within ${$('path-hops').value} hops.`));
    return;
  }
  state.paths.forEach((p, i) => {
    const steps = [];
    p.nodes.forEach((n, k) => {
      const link = p.links[k - 1];
      if (link) {
        steps.push(h('li', { class: 'hop', title: link.explanation || '' },
          `↓ ${String(link.type).toLowerCase().replace('_', ' ')} · ${fmtStrength(link.strength)}`,
          link.source === 'derived' && link.interactions
            ? ` (${link.interactions} shared interaction${link.interactions === 1 ? '' : 's'})` : ''));
      }
      steps.push(h('li', { class: `step side-${String(n.side || '').toLowerCase()}` }, n.name,
        n.side === 'OURS' ? h('span', { class: 'via' }, ' · ours') : null,
        n.title ? h('span', { class: 'via' }, ` · ${n.title}`) : null));
    });
    list.append(h('div', {
      class: 'path-item', tabindex: '0', dataset: { index: String(i) },
      onclick: () => showPath(i), onkeydown: (e) => { if (e.key === 'Enter') showPath(i); },
    },
    h('div', null, h('span', { class: 'strength' }, fmtStrength(p.strength)), ' ',
      h('span', { class: 'hops' }, `strength · ${p.hops} hop${p.hops === 1 ? '' : 's'}`)),
    h('ul', { class: 'steps' }, steps)));
  });
}

export function clearPath() {
  const cy = state.cy;
  state.activePath = -1;
  document.body.classList.remove('path-mode');
  if (!cy) return;
  cy.remove('.path-edge, .transient');
  cy.elements().removeClass('on-path faded');
  for (const el of state.overlay.querySelectorAll('.on-path')) el.classList.remove('on-path');
  for (const el of state.overlay.querySelectorAll('.path-tag')) el.remove();
  for (const el of document.querySelectorAll('.path-item.active')) el.classList.remove('active');
}

function showPath(index) {
  const cy = state.cy;
  const path = state.paths[index];
  if (!cy || !path) return;
  dropOpportunity();
  // the path's own contacts in collapsed units: expand those units rather than draw the
  // people as strangers beside the map
  const collapsed = path.nodes.filter((n) => state.focus && state.contacts.has(n.id) && !cy.getElementById(n.id).length);
  if (collapsed.length) {
    for (const n of collapsed) state.expanded.add(state.contacts.get(n.id).orgUnit);
    drawMap();
  }
  clearPath();
  state.activePath = index;
  const bb = cy.elements().boundingBox();
  const missing = path.nodes.filter((n) => !cy.getElementById(n.id).length);
  const added = [];
  const boxes = cy.nodes('.person').map((n) => n.boundingBox());
  const free = (x, y) => boxes.every((b) =>
    x + CARD_W / 2 + 8 < b.x1 || x - CARD_W / 2 - 8 > b.x2 || y + CARD_H / 2 + 8 < b.y1 || y - CARD_H / 2 - 8 > b.y2);
  // each missing person goes into a free spot near its neighbour on the path
  missing.forEach((n) => {
    const at = path.nodes.indexOf(n);
    const near = [path.nodes[at + 1], path.nodes[at - 1]]
      .map((m) => m && cy.getElementById(m.id)).find((m) => m && m.length);
    const c = near ? near.position() : { x: (bb.x1 + bb.x2) / 2, y: bb.y1 - CARD_H * 2 };
    let spot = null;
    for (let r = 1; r <= 8 && !spot; r += 1) {
      const dx = (CARD_W + 30) * r;
      const dy = (CARD_H + 40) * r;
      for (const [ox, oy] of [[0, -dy], [-dx, 0], [dx, 0], [-dx, -dy], [dx, -dy], [0, dy], [-dx, dy], [dx, dy]]) {
        if (free(c.x + ox, c.y + oy)) { spot = { x: c.x + ox, y: c.y + oy }; break; }
      }
    }
    if (!spot) spot = { x: c.x, y: bb.y1 - CARD_H - 60 };
    boxes.push({ x1: spot.x - CARD_W / 2, x2: spot.x + CARD_W / 2, y1: spot.y - CARD_H / 2, y2: spot.y + CARD_H / 2 });
    const known = state.staff.get(n.id) || {};
    added.push({
      group: 'nodes',
      data: { id: n.id, kind: n.side === 'OURS' ? 'staff' : 'outside', person: { ...known, ...n } },
      classes: `person transient ${n.side === 'OURS' ? 'staff' : 'outside'}`,
      position: spot,
    });
  });
  cy.add(added);
  const pathEls = cy.collection();
  path.nodes.forEach((n) => { pathEls.merge(cy.getElementById(n.id)); });
  const edges = [];
  for (let k = 1; k < path.nodes.length; k += 1) {
    const a = path.nodes[k - 1].id;
    const b = path.nodes[k].id;
    const link = path.links[k - 1] || {};
    edges.push({
      group: 'edges',
      data: {
        id: `path:${index}:${k}`, source: a, target: b, type: link.type,
        strength: link.strength, label: `${fmtStrength(link.strength)}`,
        linkFrom: link.from, linkTo: link.to,
      },
      classes: `path-edge ${String(link.type || '').toLowerCase()}`,
    });
  }
  const edgeEls = cy.add(edges);
  pathEls.addClass('on-path');
  cy.elements().not(pathEls).not(edgeEls).not('node.unit, node.group').addClass('faded');
  renderCards();
  path.nodes.forEach((n, k) => {
    const card = state.overlay.querySelector(`.card[data-id="${CSS.escape(n.id)}"]`);
    if (card) card.classList.add('on-path');
    const node = cy.getElementById(n.id);
    if (!node.length) return;
    const pos = node.position();
    state.overlay.append(h('div', {
      class: `path-tag side-${String(n.side || '').toLowerCase()}`,
      style: `left:${pos.x - CARD_W / 2}px;top:${pos.y - CARD_H / 2 - 3}px`,
      dataset: { id: n.id, step: String(k + 1) },
    }, h('b', null, String(k + 1)), h('span', { class: 'tag-name' }, ` ${n.name}`)));
  });
  state.pathZoom = null;
  document.body.classList.add('path-mode');
  document.body.dataset.pathNodes = path.nodes.map((n) => n.id).join(',');
  for (const el of document.querySelectorAll('.path-item')) {
    el.classList.toggle('active', el.dataset.index === String(index));
  }
  // room around the path for the step tags above the cards; no closer than reading needs
  fitView(pathEls.union(edgeEls), 60, READABLE_ZOOM);
}
