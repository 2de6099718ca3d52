/* relgraph portfolio (/map/): every account the caller's key sees, with its figures (health,
 * gaps by severity, key contacts, coach, owner coverage) from /graphql, in one table to sort,
 * search, filter by tier and page through; a row opens the account's power map.
 *
 * The accounts arrive a page of the API at a time (api.js PORTFOLIO_PAGE) and the table shows
 * them as they come; sorting, search and paging then run in the browser over all of them
 * (table.js), with one page of rows in the DOM. The view is kept in the address, so going back
 * from a map returns to the same rows.
 */

import { PORTFOLIO_PAGE, PORTFOLIO_QUERY, gql } from './api.js';
import { askForKey, markDevMode, wireKeyDialog } from './keydialog.js';
import { setState, setStatus, state } from './state.js';
import { COLUMNS, COLUMN, cellText, page, select, toCsv } from './table.js';
import { $, downloadFile, h } from './util.js';

const ROWS_PER_PAGE = 50;
const view = { search: '', tier: '', sort: 'name', dir: 'asc', page: 1 };
const loaded = { accounts: [], total: 0, done: false, seq: 0 };

// --- loading -------------------------------------------------------------------------------
async function loadAccounts() {
  const seq = ++loaded.seq;
  Object.assign(loaded, { accounts: [], total: 0, done: false });
  setState('loading');
  setStatus('Loading the accounts…');
  render();
  let after = null;
  try {
    do {
      const data = await gql('Portfolio', PORTFOLIO_QUERY, { first: PORTFOLIO_PAGE, after });
      if (seq !== loaded.seq) return; // another key started a new load
      const accounts = data.accounts;
      loaded.accounts.push(...accounts.nodes);
      loaded.total = accounts.totalCount;
      after = accounts.pageInfo.hasNextPage ? accounts.pageInfo.endCursor : null;
      if (!state.key) markDevMode();
      setStatus(null);
      render();
    } while (after);
  } catch (err) {
    if (seq === loaded.seq) handleError(err);
    return;
  }
  loaded.done = true;
  render();
  setState('ready');
}

function handleError(err) {
  loaded.accounts = [];
  render();
  if (err.kind === 'auth') {
    askForKey();
  } else {
    setState('error');
    setStatus('The accounts could not be loaded', [err.message || String(err)], true);
  }
}

// --- the table -----------------------------------------------------------------------------
// The API's own value of a column (what tests and the CSV compare), beside the text shown.
function rawValue(key, account) {
  return key in account.figures ? account.figures[key] : account[key];
}

function renderHeader() {
  $('columns').replaceChildren(...COLUMNS.map((c) => h('th', {
    scope: 'col', class: c.numeric ? 'numeric' : null, dataset: { key: c.key },
    'aria-sort': view.sort === c.key ? (view.dir === 'asc' ? 'ascending' : 'descending') : 'none',
  }, h('button', { type: 'button', title: c.title ? `Sort by ${c.title}` : `Sort by ${c.label}` }, c.label))));
}

function cell(column, account) {
  const value = rawValue(column.key, account);
  const attrs = { dataset: { key: column.key, value: String(value) },
    class: [column.numeric ? 'numeric' : '', column.key.startsWith('gaps') ? `gaps-${column.label}` : '']
      .join(' ').trim() || null };
  if (column.key === 'name') {
    return h('td', attrs, h('a', { href: `/map/${encodeURIComponent(account.id)}` }, account.name));
  }
  if (column.key === 'health') {
    const bar = h('span', { class: 'health-bar', 'aria-hidden': 'true' }, h('span'));
    bar.firstChild.style.width = `${Math.round(value * 100)}%`;
    return h('td', attrs, cellText(column, account), bar);
  }
  return h('td', attrs, cellText(column, account));
}

function render() {
  renderHeader();
  const rows = select(loaded.accounts, view);
  const shown = page(rows, view.page, ROWS_PER_PAGE);
  view.page = shown.current;
  const body = shown.rows.map((a) => h('tr', { dataset: { id: a.id } },
    COLUMNS.map((c) => cell(c, a))));
  if (!body.length && loaded.accounts.length) {
    body.push(h('tr', { class: 'empty' }, h('td', { colspan: COLUMNS.length, class: 'muted' },
      'No account matches the search and tier.')));
  } else if (!body.length && loaded.done) {
    body.push(h('tr', { class: 'empty' }, h('td', { colspan: COLUMNS.length, class: 'muted' },
      'No account is visible to this key.')));
  }
  $('rows').replaceChildren(...body);
  const first = rows.length ? (shown.current - 1) * ROWS_PER_PAGE + 1 : 0;
  const last = Math.min(shown.current * ROWS_PER_PAGE, rows.length);
  $('range').textContent = `${first}–${last} of ${rows.length}`
    + (rows.length !== loaded.accounts.length ? ` (${loaded.accounts.length} accounts)` : '');
  $('prev').disabled = shown.current <= 1;
  $('next').disabled = shown.current >= shown.pages;
  $('loaded').textContent = loaded.done ? `${loaded.total} accounts`
    : loaded.total ? `loading… ${loaded.accounts.length} of ${loaded.total}` : '';
  document.body.dataset.rows = String(rows.length);
  saveView();
}

// --- the view in the address ---------------------------------------------------------------
function saveView() {
  const params = new URLSearchParams();
  if (view.search) params.set('q', view.search);
  if (view.tier) params.set('tier', view.tier);
  if (view.sort !== 'name' || view.dir !== 'asc') { params.set('sort', view.sort); params.set('dir', view.dir); }
  if (view.page > 1) params.set('page', String(view.page));
  const query = params.toString();
  window.history.replaceState(null, '', query ? `?${query}` : window.location.pathname);
}

function readView() {
  const params = new URLSearchParams(window.location.search);
  view.search = params.get('q') || '';
  view.tier = ['S', 'A', 'B', 'C'].includes(params.get('tier')) ? params.get('tier') : '';
  if (COLUMN[params.get('sort')]) view.sort = params.get('sort');
  view.dir = params.get('dir') === 'desc' ? 'desc' : 'asc';
  view.page = Math.max(1, Number.parseInt(params.get('page') || '1', 10) || 1);
  $('search').value = view.search;
  $('tier-filter').value = view.tier;
}

// --- CSV -----------------------------------------------------------------------------------
function downloadCsv() {
  const blob = new Blob([toCsv(select(loaded.accounts, view))], { type: 'text/csv;charset=utf-8' });
  downloadFile(blob, `relgraph-accounts-${new Date().toISOString().slice(0, 10)}.csv`);
}

// --- start ---------------------------------------------------------------------------------
function wire() {
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  $('search').addEventListener('input', (e) => { view.search = e.target.value; view.page = 1; render(); });
  $('tier-filter').addEventListener('change', (e) => { view.tier = e.target.value; view.page = 1; render(); });
  $('columns').addEventListener('click', (e) => {
    const th = e.target.closest('th');
    if (!th) return;
    const column = COLUMN[th.dataset.key];
    if (view.sort === column.key) view.dir = view.dir === 'asc' ? 'desc' : 'asc';
    else { view.sort = column.key; view.dir = column.desc ? 'desc' : 'asc'; }
    view.page = 1;
    render();
  });
  $('rows').addEventListener('click', (e) => {
    const row = e.target.closest('tr[data-id]');
    if (!row || e.target.closest('a')) return; // the name's own link opens the map itself
    window.location.href = `/map/${encodeURIComponent(row.dataset.id)}`;
  });
  $('prev').addEventListener('click', () => { view.page -= 1; render(); });
  $('next').addEventListener('click', () => { view.page += 1; render(); });
  $('csv').addEventListener('click', downloadCsv);
}

function start() {
  wire();
  readView();
  wireKeyDialog(loadAccounts);
  loadAccounts();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
