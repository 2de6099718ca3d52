// The person search: a name or an id, completed from the account's contacts; the person's unit
// is expanded when it was collapsed, and the map zooms to their card.

import { zoomTo } from './draw.js';
import { flash, showDetails } from './panels.js';
import { redraw } from './paths.js';
import { state } from './state.js';
import { $, h } from './util.js';

// A datalist entry reads "Name (id)": the id settles two people of the same name.
export function renderSearchList() {
  const list = $('person-names');
  list.replaceChildren();
  const people = [...state.contacts.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const c of people) list.append(h('option', { value: `${c.name} (${c.id})` }));
}

function findPerson(text) {
  const q = text.trim();
  if (!q) return null;
  const tagged = q.match(/\(([^()]+)\)\s*$/);
  if (tagged && state.contacts.has(tagged[1])) return state.contacts.get(tagged[1]);
  if (state.contacts.has(q)) return state.contacts.get(q);
  const low = q.toLowerCase();
  const people = [...state.contacts.values()].sort((a, b) => a.name.localeCompare(b.name));
  return people.find((c) => c.name.toLowerCase() === low)
    || people.find((c) => c.name.toLowerCase().includes(low))
    || people.find((c) => c.id.toLowerCase().includes(low)) || null;
}

// Show the person: lift whatever hides them (a collapsed unit, the unit filter, key only).
export function searchPerson(text) {
  const c = findPerson(text);
  const box = $('person-search');
  box.classList.toggle('not-found', !c);
  document.body.dataset.search = c ? c.id : 'none';
  if (!c) { box.title = `Nobody on this map matches “${text.trim()}”.`; return; }
  box.title = '';
  let node = state.cy.getElementById(c.id);
  if (!node.length) {
    if (state.focus && c.orgUnit) state.expanded.add(c.orgUnit);
    if (state.keyOnly && !(c.key || c.coach)) { state.keyOnly = false; $('key-only').checked = false; }
    if (state.unitFilter) { state.unitFilter = ''; $('unit-filter').value = ''; }
    redraw();
    node = state.cy.getElementById(c.id);
  }
  if (!node.length) return;
  zoomTo(node);
  showDetails(c.id, true);
  flash(c.id);
}
