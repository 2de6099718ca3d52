// The portfolio table's model, without the DOM: its columns, and the rows a view shows (search,
// tier filter, sort, page) and the CSV of a view. Sorting and filtering run over every loaded
// account in the browser: at 1,000 accounts that is a few milliseconds, and only one page of
// rows is ever in the DOM.

import { csvText } from './util.js';

const TIER_ORDER = { S: 0, A: 1, B: 2, C: 3 };
const PARTNERSHIP_ORDER = { STRATEGIC_PARTNER: 0, PARTNER: 1, ORDINARY: 2 };
export const PARTNERSHIP_LABELS = {
  STRATEGIC_PARTNER: 'Strategic partner', PARTNER: 'Partner', ORDINARY: 'Ordinary',
};

const percent = (share) => `${Math.round(share * 100)}%`;

// One column: its key, header, the value it sorts by, the text it shows and whether a new sort
// on it starts descending (counts and shares: the largest first).
export const COLUMNS = [
  { key: 'name', label: 'Account', value: (a) => a.name.toLowerCase(), text: (a) => a.name },
  { key: 'tier', label: 'Tier', value: (a) => TIER_ORDER[a.tier] ?? 9, text: (a) => a.tier },
  { key: 'partnership', label: 'Partnership', value: (a) => PARTNERSHIP_ORDER[a.partnership] ?? 9,
    text: (a) => PARTNERSHIP_LABELS[a.partnership] || a.partnership },
  { key: 'health', label: 'Health', value: (a) => a.figures.health,
    text: (a) => percent(a.figures.health), numeric: true },
  { key: 'gapsHigh', label: 'HIGH', title: 'HIGH gaps', value: (a) => a.figures.gapsHigh,
    numeric: true, desc: true },
  { key: 'gapsMedium', label: 'MEDIUM', title: 'MEDIUM gaps', value: (a) => a.figures.gapsMedium,
    numeric: true, desc: true },
  { key: 'gapsLow', label: 'LOW', title: 'LOW gaps', value: (a) => a.figures.gapsLow,
    numeric: true, desc: true },
  { key: 'keyContacts', label: 'Key contacts', value: (a) => a.figures.keyContacts,
    numeric: true, desc: true },
  { key: 'coachPresent', label: 'Coach', value: (a) => (a.figures.coachPresent ? 1 : 0),
    text: (a) => (a.figures.coachPresent ? 'Yes' : 'No'), desc: true },
  { key: 'ownerCoverage', label: 'Owner coverage', title: 'Key contacts with an A and a B owner',
    value: (a) => a.figures.ownerCoverage, text: (a) => percent(a.figures.ownerCoverage),
    numeric: true, desc: true },
];
export const COLUMN = Object.fromEntries(COLUMNS.map((c) => [c.key, c]));

export function cellText(column, account) {
  return column.text ? column.text(account) : String(column.value(account));
}

// The accounts a view shows, in order: name or id contains the search (any case), of the tier
// chosen, sorted by the column (ties by name, then id: the order never depends on loading).
export function select(accounts, { search = '', tier = '', sort = 'name', dir = 'asc' }) {
  const needle = search.trim().toLowerCase();
  const column = COLUMN[sort] || COLUMN.name;
  const sign = dir === 'desc' ? -1 : 1;
  const rows = accounts.filter((a) => (!tier || a.tier === tier)
    && (!needle || a.name.toLowerCase().includes(needle) || a.id.toLowerCase().includes(needle)));
  const byName = (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  return rows.sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    return (x < y ? -sign : x > y ? sign : 0) || byName(a, b);
  });
}

// One page of `rows` (1-based, clamped to the pages there are) and how many pages there are.
export function page(rows, number, size) {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(Math.max(1, number), pages);
  return { rows: rows.slice((current - 1) * size, current * size), current, pages };
}

// The CSV of `rows`: the id, then every column with the API's raw values (shares as 0..1, coach
// as true/false) for spreadsheets.
export function toCsv(rows) {
  const header = ['id', 'name', 'tier', 'partnership', 'health', 'gapsHigh', 'gapsMedium',
    'gapsLow', 'keyContacts', 'coachPresent', 'ownerCoverage'];
  return csvText(header, rows.map((a) => [a.id, a.name, a.tier, a.partnership, a.figures.health,
    a.figures.gapsHigh, a.figures.gapsMedium, a.figures.gapsLow, a.figures.keyContacts,
    a.figures.coachPresent, a.figures.ownerCoverage]));
}
