// Reading the loaded power map: people by id, the org-unit tree, what the filters show.

import { state } from './state.js';

export function personName(id) {
  const c = state.contacts.get(id);
  if (c) return c.name;
  const s = state.staff.get(id);
  return s ? s.name : id;
}

export function unitDepth(id) {
  let depth = 0;
  let u = state.units.get(id);
  const seen = new Set();
  while (u && u.parent && state.units.has(u.parent) && !seen.has(u.parent)) {
    seen.add(u.parent);
    depth += 1;
    u = state.units.get(u.parent);
  }
  return depth;
}

export function unitSubtree(rootId) {
  const out = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of state.units.values()) {
      if (!out.has(u.id) && u.parent && out.has(u.parent)) { out.add(u.id); grew = true; }
    }
  }
  return out;
}

export function unitsInTreeOrder() {
  const children = new Map();
  for (const u of state.units.values()) {
    const p = u.parent && state.units.has(u.parent) ? u.parent : '';
    if (!children.has(p)) children.set(p, []);
    children.get(p).push(u);
  }
  const out = [];
  const walk = (p, depth) => {
    for (const u of (children.get(p) || []).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push([u, depth]);
      walk(u.id, depth + 1);
    }
  };
  walk('', 0);
  return out;
}

export function visibleContacts() {
  let units = null;
  if (state.unitFilter && state.units.has(state.unitFilter)) units = unitSubtree(state.unitFilter);
  return [...state.contacts.values()].filter((c) =>
    (!units || units.has(c.orgUnit)) && (!state.keyOnly || c.key || c.coach));
}
