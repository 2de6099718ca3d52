// Constants of the page and small pure helpers: the DOM builder (text goes through
// textContent: names are data, never markup), labels, formats.

export const KEY_STORAGE = 'relgraph.apiKey';
export const CARD_W = 184;  // keep in step with .card in map.css

export const CARD_H = 60;

const ATTITUDES = {
  '-1': { cls: 'opposed', label: 'Opposed' },
  '0': { cls: 'neutral', label: 'Neutral' },
  '1': { cls: 'supporter', label: 'Supporter' },
  '2': { cls: 'exclusive', label: 'Exclusive supporter' },
  '3': { cls: 'coach', label: 'Coach' },
};

export const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'];

export const SEV_ORDER = { HIGH: 0, MEDIUM: 1, LOW: 2 };

export const GAP_LABELS = {
  OWNER_MISSING_A: 'No A owner',
  OWNER_MISSING_B: 'No B owner',
  OWNER_MISSING_C: 'No C owner',
  OWNER_DUPLICATE: 'Same person in two roles',
  OWNER_INACTIVE: 'Owner has left',
  OWNER_OVERLOADED: 'Owner overloaded',
  SPONSOR_MISSING: 'No sponsor',
  SPONSOR_RANK_MISMATCH: 'Sponsor ranked too low',
  TRIANGLE_ROLE_MISSING: 'Iron-triangle role missing',
  DECISION_CHAIN_UNKNOWN: 'Decision maker unknown to us',
  NO_COACH: 'No coach',
  OPPOSED_DECISION_MAKER: 'Opposed decision maker',
  COMPETITOR_CAPTURED: 'Favours a competitor',
  STALE_CONTACT: 'Not met within cadence',
  DARK_ORG_UNIT: 'Dark org unit',
  SINGLE_THREADED: 'Single-threaded account',
  PLAN_MISSING: 'No relationship plan',
  PLAN_REVIEW_OVERDUE: 'Plan review overdue',
  PLAN_OFF_TRACK: 'Plan off track',
  PLAN_SPONSOR_MISSING: 'Plan has no sponsor',
  COMMITMENT_OVERDUE: 'Commitment overdue',
  ORG_ACTION_MISSING: 'Organizational action missing',
  DEPARTMENT_OBSTRUCTS: 'Department obstructs',
  ASSESSMENT_OUTDATED: 'Assessment outdated',
  RETIER_OVERDUE: 'Tier review overdue',
};

export const ROLE_LABELS = {
  executive: 'Executive', account_manager: 'Account manager', solution_manager: 'Solution manager',
  fulfillment_manager: 'Fulfillment manager', other: 'Staff',
};

export const DIMENSIONS = [
  ['acceptance', 'Acceptance'], ['participation', 'Participation'],
  ['projectSupport', 'Project support'], ['informationSharing', 'Information sharing'],
  ['guidance', 'Guidance'], ['competitiveStance', 'Competitive stance'],
];

// What the page asks for; fields the server's schema lacks are left out (see selection()).

// --- small DOM helper (text goes through textContent: names are data, never markup) --------
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function attitudeInfo(value) {
  if (value === null || value === undefined) return { cls: 'unknown', label: 'Unknown', key: 'unknown' };
  const info = ATTITUDES[String(value)];
  return info ? { ...info, key: String(value) } : { cls: 'unknown', label: 'Unknown', key: 'unknown' };
}

export function initials(name) {
  const parts = String(name || '?').split(/[\s\-]+/).filter(Boolean);
  if (parts.length === 1) return parts[0].slice(0, 2).toUpperCase();
  return (parts[0][0] + parts[parts.length - 1][0]).toUpperCase();
}

export function fmtStrength(s) {
  return s === null || s === undefined ? '—' : Number(s).toFixed(2);
}

export const $ = (id) => document.getElementById(id);

// --- files the page hands to the user -------------------------------------------------------
// RFC 4180 CSV (fields quoted when needed, CRLF line ends) of a header and rows of values.
export function csvText(header, rows) {
  const quote = (v) => {
    // A text starting like a formula is kept as text by spreadsheets (CSV injection).
    const raw = String(v ?? '');
    const text = typeof v === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

// Save `blob` as a download named `name` (a blob: link clicked: nothing leaves the page).
export function downloadFile(blob, name) {
  const link = h('a', { href: URL.createObjectURL(blob), download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
