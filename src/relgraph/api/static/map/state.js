// The page's live state (one object, shared by the modules) and its status line.

import { $, h } from './util.js';

export const state = {
  accountId: null,
  key: null,
  dev: false,
  map: null,            // the powerMap value
  gaps: [],
  gapsBySubject: new Map(),
  contacts: new Map(),
  units: new Map(),
  staff: new Map(),
  cy: null,
  overlay: null,
  selected: null,
  paths: [],
  activePath: -1,
  unitFilter: '',
  keyOnly: false,
  asOf: '',
  viewer: null,
  layout: 'org',
  opportunities: [],
  opportunity: '',      // the opportunity whose decision chain is highlighted
};

export function daysAgo(iso) {
  if (!iso) return null;
  const then = new Date(iso + 'T00:00:00Z');
  const ref = state.asOf ? new Date(state.asOf + 'T00:00:00Z') : new Date();
  return Math.round((ref - then) / 86400000);
}

// --- status line and page state ------------------------------------------------------------
export function setState(name) { document.body.dataset.state = name; }

export function setStatus(title, lines, isError) {
  const box = $('status');
  box.replaceChildren();
  box.classList.toggle('error', Boolean(isError));
  if (!title) return;
  box.append(h('h2', null, title));
  for (const line of lines || []) box.append(line instanceof Node ? line : h('p', null, line));
}
