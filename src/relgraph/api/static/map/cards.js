// The HTML overlay over the canvas: one card per person (name, title, rank, attitude colour,
// owners, sponsors, marks, gap badge) and a badge per org unit with gaps, kept in step with the
// viewport.

import { state } from './state.js';
import {
  CARD_H, CARD_W, GAP_LABELS, ROLE_LABELS, SEV_ORDER, attitudeInfo, fmtStrength, h, initials,
} from './util.js';

// Below this zoom a card's title and chips are under 5 px on screen: they are not painted.
const FAR_ZOOM = 0.45;

export function syncOverlay() {
  const cy = state.cy;
  if (!cy || !state.overlay) return;
  const pan = cy.pan();
  const zoom = cy.zoom();
  state.overlay.style.transform = `translate(${pan.x}px, ${pan.y}px) scale(${zoom})`;
  // Only the transform changes on every frame of a pan or zoom: a class or a custom property set
  // on the overlay restyles every card under it, so they are touched only when they change.
  const far = zoom < FAR_ZOOM;
  if (far !== state.overlayFar) { state.overlayFar = far; state.overlay.classList.toggle('far', far); }
  if (state.activePath < 0 && !state.opportunity) return;
  // path and decision-chain tags and path lines keep a legible screen size at any zoom
  state.overlay.style.setProperty('--inv', String(1 / zoom));
  state.overlay.classList.toggle('legible', zoom >= 0.8);
  if (zoom !== state.pathZoom) {
    state.pathZoom = zoom;
    const k = Math.max(1, 1 / zoom);
    cy.edges('.path-edge').style({ width: 4.5 * k, 'font-size': 12 * k, 'text-background-padding': 3 * k, 'arrow-scale': Math.min(3, k) });
  }
}

function personCard(node) {
  const id = node.id();
  const pos = node.position();
  const style = `left:${pos.x - CARD_W / 2}px;top:${pos.y - CARD_H / 2}px`;
  if (node.hasClass('staff')) {
    const s = node.data('person');
    const card = h('div', {
      class: 'card staff', style, dataset: { id, kind: 'staff' },
      title: `${s.name} — ours${s.title ? `, ${s.title}` : ''}`,
    },
    h('div', { class: 'head' }, h('span', { class: 'rank' }, '◆'), h('span', { class: 'name' }, s.name)),
    h('div', { class: 'title' }, s.title || ROLE_LABELS[s.role] || 'Our team'),
    h('div', { class: 'marks' }, h('span', { class: 'chip' }, 'OUR SIDE')));
    return card;
  }
  if (node.hasClass('outside')) {
    const s = node.data('person');
    return h('div', {
      class: 'card att-unknown', style, dataset: { id, kind: 'outside' }, title: s.name,
    },
    h('div', { class: 'head' }, h('span', { class: 'name' }, s.name)),
    h('div', { class: 'title' }, s.title || ''),
    h('div', { class: 'marks' }, h('span', { class: 'chip' }, 'NOT ON THIS MAP')));
  }
  const c = state.contacts.get(id);
  const att = attitudeInfo(c.attitude);
  const gaps = state.gapsBySubject.get(id) || [];
  const classes = ['card', 'contact', `att-${att.cls}`];
  if (c.key) classes.push('key');
  if (c.coach || c.attitude === 3) classes.push('coach');
  if (c.active === false) classes.push('inactive');
  if (state.selected === id) classes.push('selected');
  const marks = [];
  if (c.key) marks.push(h('span', { class: 'chip chip-key', title: 'Key contact' }, 'KEY'));
  if (c.coach || c.attitude === 3) marks.push(h('span', { class: 'chip chip-coach', title: 'Coach' }, '★ COACH'));
  const owners = [...(c.owners || [])].sort((a, b) => String(a.role).localeCompare(String(b.role)));
  for (const o of owners) {
    marks.push(h('span', {
      class: 'chip chip-owner', title: `${o.role} owner: ${o.name}`, dataset: { role: o.role, staff: o.staffId },
    }, h('b', null, o.role), initials(o.name)));
  }
  for (const s of c.sponsors || []) {
    marks.push(h('span', { class: 'chip chip-sponsor', title: `Sponsor: ${s.name}`, dataset: { staff: s.staffId } },
      h('b', null, 'SP'), initials(s.name)));
  }
  for (const f of c.favors || []) {
    marks.push(h('span', {
      class: 'chip chip-favor', title: `Favours ${f.name}${f.strength ? ` (${fmtStrength(f.strength)})` : ''}`,
      dataset: { competitor: f.competitorId },
    }, `⚑ ${f.name}`));
  }
  if (c.risingStar) marks.push(h('span', { class: 'chip', title: 'Rising star' }, '↑ RISING'));
  const worst = gaps.reduce((w, g) => (SEV_ORDER[g.severity] < SEV_ORDER[w] ? g.severity : w), 'LOW');
  const card = h('div', {
    class: classes.join(' '),
    style,
    dataset: {
      id, kind: 'contact', attitude: att.key, rank: c.rank || '', key: c.key ? 'true' : 'false',
      gaps: gaps.map((g) => g.kind).join(','), gapCount: String(gaps.length),
    },
    title: `${c.name}${c.title ? ` — ${c.title}` : ''}${state.units.has(c.orgUnit) ? `\nUnit: ${state.units.get(c.orgUnit).name}` : ''}`
      + `\nAttitude: ${att.label}${c.active === false ? '\nDeparted' : ''}`,
  },
  h('div', { class: 'head' },
    h('span', { class: `rank rank-${c.rank || 'none'}`, title: `Rank ${c.rank || '?'}` }, c.rank || '·'),
    h('span', { class: 'name' }, c.name)),
  h('div', { class: 'title' }, c.title || ''),
  h('div', { class: 'marks' }, marks),
  gaps.length ? h('span', {
    class: `gap-dot gap-badge sev-${worst}`,
    title: gaps.map((g) => `${g.severity}: ${GAP_LABELS[g.kind] || g.kind}`).join('\n'),
    dataset: { count: String(gaps.length), kinds: gaps.map((g) => g.kind).join(',') },
  }, String(gaps.length)) : null);
  return card;
}

export function renderCards() {
  const cy = state.cy;
  const overlay = state.overlay;
  overlay.replaceChildren();
  cy.nodes('.person').forEach((node) => overlay.append(personCard(node)));
  cy.nodes('.unit').forEach((node) => {
    const gaps = state.gapsBySubject.get(node.data('ref')) || [];
    if (!gaps.length) return;
    const bb = node.boundingBox({ includeLabels: false });
    const worst = gaps.reduce((w, g) => (SEV_ORDER[g.severity] < SEV_ORDER[w] ? g.severity : w), 'LOW');
    overlay.append(h('div', {
      class: 'unit-badge', style: `left:${bb.x2 - 4}px;top:${bb.y1 + 4}px`,
      dataset: { id: node.data('ref'), kind: 'unit' },
      title: gaps.map((g) => `${g.severity}: ${GAP_LABELS[g.kind] || g.kind}`).join('\n'),
    }, h('span', {
      class: `gap-dot gap-badge sev-${worst}`,
      dataset: { count: String(gaps.length), kinds: gaps.map((g) => g.kind).join(',') },
    }, String(gaps.length))));
  });
  syncOverlay();
}
