// Which people a large account shows: its key people (key contacts, ranks S and A, coaches) and
// the contacts of the units the user expanded. Every other unit is one box with its counts, so a
// 250-contact map opens on the few dozen people that matter and stays light to pan and zoom.

import { unitSubtree } from './model.js';
import { state } from './state.js';

// Above this many contacts a map opens focused; below it every card fits at a readable size.
export const LARGE_ACCOUNT = 60;

// No card text is below 11 px in map.css, so at zoom 1 every card is readable.
export const READABLE_ZOOM = 1;

export function isKeyPerson(c) {
  return Boolean(c.key || c.coach || c.attitude === 3 || c.rank === 'S' || c.rank === 'A');
}

// Called when a map is loaded: large maps start focused with every unit collapsed; the same
// account loaded again (after an edit) keeps the units the user expanded.
export function startFocus() {
  state.focus = state.contacts.size > LARGE_ACCOUNT;
  if (state.expandedFor !== state.map.accountId) state.expanded = new Set();
  state.expandedFor = state.map.accountId;
  state.unitCounts = countUnits();
}

export function shownInFocus(c) {
  return !state.focus || isKeyPerson(c) || state.expanded.has(c.orgUnit);
}

// Contacts and gaps in each unit's subtree, for the collapsed boxes and the open units' labels.
function countUnits() {
  const counts = new Map();
  for (const id of state.units.keys()) {
    const units = unitSubtree(id);
    let contacts = 0;
    let direct = 0;
    let gaps = 0;
    for (const c of state.contacts.values()) {
      if (!units.has(c.orgUnit)) continue;
      contacts += 1;
      if (c.orgUnit === id) direct += 1;
      gaps += (state.gapsBySubject.get(c.id) || []).length;
    }
    for (const u of units) gaps += (state.gapsBySubject.get(u) || []).length;
    counts.set(id, { contacts, direct, gaps });
  }
  return counts;
}

// A unit's box label: its name and, when collapsed or partly shown, what it holds.
export function unitLabel(id, collapsed, shownDirect) {
  const u = state.units.get(id);
  const n = state.unitCounts.get(id) || { contacts: 0, direct: 0, gaps: 0 };
  const plural = (k, word) => `${k} ${word}${k === 1 ? '' : 's'}`;
  if (collapsed) return `${u.name}\n${plural(n.contacts, 'contact')} · ${plural(n.gaps, 'gap')}`;
  if (state.focus && shownDirect < n.direct) return `${u.name} · ${shownDirect} of ${n.direct} shown`;
  return u.name;
}

// A click on a unit: a collapsed or partly shown unit shows all its contacts; an expanded one
// goes back to its key people (its sub-units too).
export function toggleUnit(id) {
  if (!state.focus || !state.units.has(id)) return false;
  if (state.expanded.has(id)) {
    for (const u of unitSubtree(id)) state.expanded.delete(u);
  } else {
    state.expanded.add(id);
  }
  return true;
}

export function expandAll() {
  state.expanded = new Set(state.units.keys());
}
