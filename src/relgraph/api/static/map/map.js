/* relgraph power map: one account's relationship map, drawn from what /graphql returns.
 *
 * Plain browser JS, no build step. cytoscape.js (+ cytoscape-dagre) draws the org units as
 * compound nodes, the reporting tree as a layered layout and the informal influence lines; an
 * HTML overlay, kept in step with the viewport, draws each contact as a card (name, title, rank,
 * attitude colour, owners, sponsors, marks and gap badge). The page only renders what the API
 * returns for the caller's key: an account the key may not see shows the not-allowed state.
 */
(function () {
  'use strict';

  const KEY_STORAGE = 'relgraph.apiKey';
  const CARD_W = 184;  // keep in step with .card in map.css
  const CARD_H = 60;

  const ATTITUDES = {
    '-1': { cls: 'opposed', label: 'Opposed' },
    '0': { cls: 'neutral', label: 'Neutral' },
    '1': { cls: 'supporter', label: 'Supporter' },
    '2': { cls: 'exclusive', label: 'Exclusive supporter' },
    '3': { cls: 'coach', label: 'Coach' },
  };
  const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'];
  const SEV_ORDER = { HIGH: 0, MEDIUM: 1, LOW: 2 };
  const GAP_LABELS = {
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
  };
  const ROLE_LABELS = {
    executive: 'Executive', account_manager: 'Account manager', solution_manager: 'Solution manager',
    fulfillment_manager: 'Fulfillment manager', other: 'Staff',
  };
  const DIMENSIONS = [
    ['acceptance', 'Acceptance'], ['participation', 'Participation'],
    ['projectSupport', 'Project support'], ['informationSharing', 'Information sharing'],
    ['guidance', 'Guidance'], ['competitiveStance', 'Competitive stance'],
  ];

  // What the page asks for; fields the server's schema lacks are left out (see selection()).
  const POWER_MAP_SPEC = {
    accountId: 1, accountName: 1, tier: 1,
    units: { id: 1, name: 1, parent: 1 },
    contacts: {
      id: 1, name: 1, title: 1, rank: 1, orgUnit: 1, attitude: 1, key: 1, active: 1, coach: 1,
      risingStar: 1, lastInteraction: 1, gaps: 1,
      owners: { staffId: 1, name: 1, role: 1 },
      sponsors: { staffId: 1, name: 1 },
      favors: { competitorId: 1, name: 1, strength: 1 },
    },
    staff: { id: 1, name: 1, rank: 1, role: 1, active: 1 },
    links: { type: 1, from: 1, to: 1, strength: 1 },
    gaps: { kind: 1, severity: 1, subjectId: 1, subjectName: 1, accountId: 1, message: 1, suggestion: 1 },
    competitors: { id: 1, name: 1, position: 1 },
  };
  const GAP_SPEC = POWER_MAP_SPEC.gaps;
  const PATH_SPEC = {
    strength: 1, hops: 1,
    nodes: { id: 1, name: 1, side: 1, title: 1, account: 1 },
    links: { type: 1, from: 1, to: 1, strength: 1, source: 1, explanation: 1 },
  };
  const ASSESSMENT_FIELDS = [
    'date', 'assessedBy', 'assessedById', 'attitude', 'score', 'effectiveAttitude',
    ...DIMENSIONS.map((d) => d[0]),
  ];

  const state = {
    accountId: null,
    key: null,
    dev: false,
    schema: null,         // {types: {name: {kind, fields: {name: {type, args}}}}, query: name}
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
    notes: [],
  };

  const $ = (id) => document.getElementById(id);

  // --- small DOM helper (text goes through textContent: names are data, never markup) --------
  function h(tag, attrs, ...children) {
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

  function attitudeInfo(value) {
    if (value === null || value === undefined) return { cls: 'unknown', label: 'Unknown', key: 'unknown' };
    const info = ATTITUDES[String(value)];
    return info ? { ...info, key: String(value) } : { cls: 'unknown', label: 'Unknown', key: 'unknown' };
  }

  function initials(name) {
    const parts = String(name || '?').split(/[\s\-]+/).filter(Boolean);
    if (parts.length === 1) return parts[0].slice(0, 2).toUpperCase();
    return (parts[0][0] + parts[parts.length - 1][0]).toUpperCase();
  }

  function fmtStrength(s) {
    return s === null || s === undefined ? '—' : Number(s).toFixed(2);
  }

  function daysAgo(iso) {
    if (!iso) return null;
    const then = new Date(iso + 'T00:00:00Z');
    const ref = state.asOf ? new Date(state.asOf + 'T00:00:00Z') : new Date();
    return Math.round((ref - then) / 86400000);
  }

  // --- status line and page state ------------------------------------------------------------
  function setState(name) { document.body.dataset.state = name; }

  function setStatus(title, lines, isError) {
    const box = $('status');
    box.replaceChildren();
    box.classList.toggle('error', Boolean(isError));
    if (!title) return;
    box.append(h('h2', null, title));
    for (const line of lines || []) box.append(line instanceof Node ? line : h('p', null, line));
  }

  // --- GraphQL ------------------------------------------------------------------------------
  class ApiError extends Error {
    constructor(kind, message) { super(message); this.kind = kind; }
  }

  function classify(message, code) {
    const codes = String(code || '');
    if (/UNAUTHENTICATED/.test(codes)) return 'auth';
    if (/FORBIDDEN|NOT_FOUND/.test(codes)) return 'denied';
    const text = String(message || '');
    if (/unauthenticated|unauthori[sz]ed|missing .*api key|invalid .*api key|bearer|credential/i.test(text)) return 'auth';
    if (/not found|not allowed|forbidden|permission|access denied|no access|not visible/i.test(text)) return 'denied';
    return 'graphql';
  }

  async function gql(operationName, query, variables) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (state.key) headers.Authorization = `Bearer ${state.key}`;
    let response;
    try {
      response = await fetch('/graphql', {
        method: 'POST', headers, credentials: 'same-origin',
        body: JSON.stringify({ operationName, query, variables: variables || {} }),
      });
    } catch (err) {
      throw new ApiError('network', `The relgraph server did not answer (${err.message}).`);
    }
    let body = null;
    try { body = await response.json(); } catch (_) { body = null; }
    const errors = (body && body.errors) || [];
    const firstMessage = errors.length ? errors.map((e) => e.message).join('; ') : '';
    if (response.status === 401) throw new ApiError('auth', firstMessage || 'An API key is needed.');
    if (response.status === 403) {
      throw new ApiError(classify(firstMessage) === 'auth' ? 'auth' : 'denied', firstMessage || 'Not allowed.');
    }
    if (!response.ok && !body) throw new ApiError('http', `The server answered HTTP ${response.status}.`);
    if (!body) throw new ApiError('http', 'The server sent no readable answer.');
    if (errors.length) {
      const code = errors.map((e) => (e.extensions && e.extensions.code) || '').join(' ');
      const err = new ApiError(classify(firstMessage, code), firstMessage);
      err.data = body.data || null;
      throw err;
    }
    return body.data || {};
  }

  // --- schema: ask once which fields and arguments the server has ---------------------------
  const SCHEMA_QUERY = `query Schema { __schema { queryType { name } types { name kind
    fields { name args { name type { ...T } } type { ...T } } } } }
    fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

  async function loadSchema() {
    try {
      const data = await gql('Schema', SCHEMA_QUERY);
      const types = {};
      for (const t of data.__schema.types) {
        const fields = {};
        for (const f of t.fields || []) {
          const args = {};
          for (const a of f.args || []) args[a.name] = a.type;
          fields[f.name] = { type: f.type, args };
        }
        types[t.name] = { kind: t.kind, fields };
      }
      state.schema = { types, query: data.__schema.queryType.name };
    } catch (err) {
      if (err.kind === 'auth' || err.kind === 'network') throw err;
      state.schema = null; // introspection off: ask for the documented fields as they are
    }
  }

  function named(type) {
    let t = type;
    while (t && (t.kind === 'NON_NULL' || t.kind === 'LIST')) t = t.ofType;
    return t;
  }

  function typeString(type) {
    if (!type) return 'String';
    if (type.kind === 'NON_NULL') return `${typeString(type.ofType)}!`;
    if (type.kind === 'LIST') return `[${typeString(type.ofType)}]`;
    return type.name;
  }

  function field(typeName, name) {
    if (!state.schema) return null;
    const t = state.schema.types[typeName];
    return (t && t.fields[name]) || null;
  }

  function rootField(name) { return state.schema ? field(state.schema.query, name) : null; }

  function hasArg(rootName, arg) {
    if (!state.schema) return arg === 'asOf' && rootName === 'coverageGaps';
    const f = rootField(rootName);
    return Boolean(f && f.args[arg]);
  }

  function argType(rootName, arg, fallback) {
    const f = rootField(rootName);
    return f && f.args[arg] ? typeString(f.args[arg]) : fallback;
  }

  function scalars(typeName) {
    const t = state.schema && state.schema.types[typeName];
    if (!t) return [];
    return Object.entries(t.fields)
      .filter(([, f]) => ['SCALAR', 'ENUM'].includes(named(f.type).kind))
      .map(([n]) => n);
  }

  // A selection set from a wanted spec, cut down to what the schema has (all of it without one).
  function selection(typeName, spec) {
    const out = [];
    for (const [name, sub] of Object.entries(spec)) {
      if (!state.schema || !typeName) {
        out.push(typeof sub === 'object' ? `${name} { ${selection(null, sub)} }` : name);
        continue;
      }
      const f = field(typeName, name);
      if (!f) continue;
      const t = named(f.type);
      if (t.kind === 'OBJECT' || t.kind === 'INTERFACE') {
        const inner = typeof sub === 'object' ? selection(t.name, sub) : scalars(t.name).join(' ');
        if (inner) out.push(`${name} { ${inner} }`);
      } else {
        out.push(name);
      }
    }
    return out.join(' ');
  }

  function rootType(name) {
    const f = rootField(name);
    return f ? named(f.type).name : null;
  }

  // --- loading -------------------------------------------------------------------------------
  async function loadPowerMap() {
    const decl = ['$id: ID!'];
    const args = ['accountId: $id'];
    const vars = { id: state.accountId };
    const mapTakesAsOf = state.asOf && hasArg('powerMap', 'asOf');
    if (mapTakesAsOf) {
      decl.push(`$asOf: ${argType('powerMap', 'asOf', 'Date').replace(/!$/, '')}`);
      args.push('asOf: $asOf');
      vars.asOf = state.asOf;
    }
    const sel = selection(rootType('powerMap') || 'PowerMap', POWER_MAP_SPEC);
    const data = await gql('PowerMap',
      `query PowerMap(${decl.join(', ')}) { powerMap(${args.join(', ')}) { ${sel} } }`, vars);
    const pm = data.powerMap;
    if (!pm) throw new ApiError('denied', 'No such account for this key.');
    state.notes = [];
    let gaps = pm.gaps || [];
    if (state.asOf && !mapTakesAsOf) {
      if (hasArg('coverageGaps', 'asOf')) {
        const gsel = selection(rootType('coverageGaps') || 'CoverageGap', GAP_SPEC);
        const gtype = argType('coverageGaps', 'asOf', 'Date').replace(/!$/, '');
        const g = await gql('Gaps',
          `query Gaps($id: ID, $asOf: ${gtype}) { coverageGaps(accountId: $id, asOf: $asOf) { ${gsel} } }`,
          { id: state.accountId, asOf: state.asOf });
        gaps = g.coverageGaps || [];
        state.notes.push(`Gaps as of ${state.asOf}; attitudes and owners are today's (this server's map has no as-of date).`);
      } else {
        state.notes.push('This server answers for today only; the as-of date is not applied.');
      }
    }
    return { pm, gaps };
  }

  async function loadAccount() {
    const seq = (state.loadSeq = (state.loadSeq || 0) + 1);
    setState('loading');
    setStatus('Loading the map…');
    let result;
    try {
      result = await loadPowerMap();
    } catch (err) {
      if (seq === state.loadSeq) handleError(err);
      return;
    }
    if (seq !== state.loadSeq) return; // a newer request (another as-of date) is under way
    if (!state.key) markDevMode();
    applyMap(result.pm, result.gaps);
  }

  function handleError(err) {
    clearMap();
    if (err.kind === 'auth') {
      setState('auth');
      const button = h('button', { type: 'button', class: 'primary', onclick: () => openKeyDialog() }, 'Enter API key');
      setStatus('An API key is needed', [
        state.key ? 'The server did not accept the key of this tab.' : 'This server only answers requests that carry an API key.',
        h('p', null, button),
      ], true);
      openKeyDialog(state.key ? 'The server did not accept this key. Enter another one.' : null);
    } else if (err.kind === 'denied') {
      setState('denied');
      $('account-name').textContent = 'Account not available';
      setStatus('Not found, or not allowed', [
        `Account “${state.accountId}” does not exist, or your API key may not see it.`,
        h('p', null, h('a', { href: '/map/' }, 'Choose another account')),
      ], true);
    } else {
      setState('error');
      setStatus('The map could not be loaded', [err.message || String(err)], true);
    }
  }

  function markDevMode() {
    state.dev = true;
    const b = $('key-button');
    b.textContent = 'Dev mode · no key';
    b.classList.add('dev');
    b.title = 'The server runs in development mode: no API key is needed on this address.';
  }

  function markKeySet() {
    const b = $('key-button');
    b.classList.remove('dev');
    b.classList.toggle('set', Boolean(state.key));
    b.textContent = state.key ? 'API key ✓' : 'API key';
  }

  // --- model ---------------------------------------------------------------------------------
  function applyMap(pm, gaps) {
    state.map = pm;
    state.gaps = [...gaps].sort((a, b) =>
      (SEV_ORDER[a.severity] ?? 9) - (SEV_ORDER[b.severity] ?? 9)
      || String(a.kind).localeCompare(String(b.kind))
      || String(a.subjectName || '').localeCompare(String(b.subjectName || '')));
    state.gapsBySubject = new Map();
    for (const g of state.gaps) {
      if (!state.gapsBySubject.has(g.subjectId)) state.gapsBySubject.set(g.subjectId, []);
      state.gapsBySubject.get(g.subjectId).push(g);
    }
    state.contacts = new Map((pm.contacts || []).map((c) => [c.id, c]));
    state.units = new Map((pm.units || []).map((u) => [u.id, u]));
    state.staff = new Map((pm.staff || []).map((s) => [s.id, s]));

    document.title = `${pm.accountName || pm.accountId} · Power map · relgraph`;
    $('account-name').textContent = pm.accountName || pm.accountId;
    const tier = $('account-tier');
    tier.hidden = !pm.tier;
    tier.textContent = pm.tier ? `Tier ${pm.tier}` : '';
    renderAccountBadges();
    renderUnitFilter();
    renderPathForm();
    renderGapList();
    draw();
    document.body.dataset.asOf = state.asOf || '';
    setState('ready');
    setStatus(null);
    if (state.notes.length) setStatus('Note', state.notes);
    if (state.selected && state.contacts.has(state.selected)) showDetails(state.selected, false);
  }

  function clearMap() {
    state.map = null;
    state.contacts = new Map();
    state.units = new Map();
    state.gaps = [];
    state.gapsBySubject = new Map();
    if (state.cy) state.cy.elements().remove();
    if (state.overlay) state.overlay.replaceChildren();
    $('gap-list').replaceChildren(h('p', { class: 'muted' }, 'Nothing to show.'));
    $('gap-count').textContent = '';
    $('account-badges').replaceChildren();
    $('account-tier').hidden = true;
    $('details').replaceChildren(h('p', { class: 'muted' }, 'Click a contact on the map.'));
    $('path-list').replaceChildren();
  }

  function unitDepth(id) {
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

  function unitSubtree(rootId) {
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

  function unitsInTreeOrder() {
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

  function visibleContacts() {
    let units = null;
    if (state.unitFilter && state.units.has(state.unitFilter)) units = unitSubtree(state.unitFilter);
    return [...state.contacts.values()].filter((c) =>
      (!units || units.has(c.orgUnit)) && (!state.keyOnly || c.key || c.coach));
  }

  // --- drawing -------------------------------------------------------------------------------
  const STYLE = [
    { selector: 'node', style: { 'font-family': 'Liberation Sans, DejaVu Sans, Arial, sans-serif' } },
    {
      selector: 'node.person',
      style: {
        shape: 'round-rectangle', width: CARD_W, height: CARD_H,
        'background-opacity': 0, 'border-width': 0, label: '',
      },
    },
    {
      selector: 'node.unit',
      style: {
        shape: 'round-rectangle', 'background-color': '#eef2f6', 'background-opacity': 0.7,
        'border-width': 1, 'border-color': '#bcccdc', label: 'data(label)',
        'text-valign': 'top', 'text-halign': 'center', 'text-margin-y': -3, 'font-size': 14,
        'font-weight': 'bold', color: '#334e68', padding: 14, 'min-zoomed-font-size': 5,
        'text-max-width': 400, 'text-wrap': 'ellipsis',
      },
    },
    { selector: 'node.unit.odd', style: { 'background-color': '#f8fafc' } },
    { selector: 'node.unit.dark', style: { 'border-color': '#5c7cfa', 'border-style': 'dashed', 'border-width': 2 } },
    {
      selector: 'node.group',
      style: {
        shape: 'round-rectangle', 'background-color': '#e7f0fb', 'background-opacity': 0.6,
        'border-width': 1, 'border-color': '#1c5d99', label: 'data(label)', 'text-valign': 'top',
        'text-halign': 'center', 'text-margin-y': -3, 'font-size': 14, 'font-weight': 'bold',
        color: '#1c5d99', padding: 14,
      },
    },
    {
      selector: 'edge.reports',
      style: {
        width: 1.6, 'line-color': '#8a96a3', 'curve-style': 'taxi', 'taxi-direction': 'downward',
        'taxi-turn': 24, 'target-arrow-shape': 'none',
      },
    },
    {
      selector: 'edge.influence',
      style: {
        width: 'mapData(strength, 0, 1, 1.2, 4)', 'line-color': '#7048e8', 'line-style': 'dashed',
        'line-dash-pattern': [7, 4], 'target-arrow-shape': 'triangle',
        'target-arrow-color': '#7048e8', 'arrow-scale': 1.1, 'curve-style': 'bezier', opacity: 0.9,
        label: 'data(label)', 'font-size': 10, color: '#5f3dc4', 'text-background-color': '#fff',
        'text-background-opacity': 0.85, 'text-background-padding': 2, 'min-zoomed-font-size': 7,
        'z-index': 5,
      },
    },
    {
      selector: 'edge.path-edge',
      style: {
        width: 5, 'line-color': '#e8590c', 'target-arrow-shape': 'triangle',
        'target-arrow-color': '#e8590c', 'curve-style': 'bezier', label: 'data(label)',
        'font-size': 12, 'font-weight': 'bold', color: '#c2410c', 'text-background-color': '#fff',
        'text-background-opacity': 1, 'text-background-padding': 3, 'text-border-width': 1,
        'text-border-color': '#e8590c', 'text-border-opacity': 1, 'z-index': 20,
        'z-compound-depth': 'top',
      },
    },
    { selector: 'edge.reports.indirect', style: { 'line-style': 'dotted', 'line-color': '#9aa5b1' } },
    { selector: 'edge.path-edge.knows', style: { 'line-style': 'solid' } },
    { selector: 'edge.path-edge.influences', style: { 'line-style': 'dashed', 'line-dash-pattern': [9, 4] } },
    {
      selector: 'node.placeholder',
      style: { width: 150, height: 26, 'background-opacity': 0, 'border-width': 0, label: '', events: 'no' },
    },
    { selector: '.faded', style: { opacity: 0.15 } },
  ];

  function ensureCy() {
    if (state.cy) return state.cy;
    const container = $('map');
    const cy = cytoscape({
      container,
      style: STYLE,
      elements: [],
      minZoom: 0.05,
      maxZoom: 2.5,
      autoungrabify: true,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    const overlay = h('div', { class: 'overlay', 'aria-hidden': 'false' });
    container.append(overlay);
    state.cy = cy;
    state.overlay = overlay;
    cy.on('viewport resize', syncOverlay);
    cy.on('tap', 'node.person', (evt) => {
      const id = evt.target.id();
      if (state.contacts.has(id)) showDetails(id, true);
    });
    cy.on('tap', 'node.unit', (evt) => {
      const ref = evt.target.data('ref');
      if (state.gapsBySubject.has(ref)) selectTab('gaps');
    });
    return cy;
  }

  function syncOverlay() {
    const cy = state.cy;
    if (!cy || !state.overlay) return;
    const pan = cy.pan();
    const zoom = cy.zoom();
    state.overlay.style.transform = `translate(${pan.x}px, ${pan.y}px) scale(${zoom})`;
    // path tags and path lines keep a legible screen size at any zoom
    state.overlay.style.setProperty('--inv', String(1 / zoom));
    state.overlay.classList.toggle('legible', zoom >= 0.8);
    if (state.activePath >= 0 && zoom !== state.pathZoom) {
      state.pathZoom = zoom;
      const k = Math.max(1, 1 / zoom);
      cy.edges('.path-edge').style({ width: 4.5 * k, 'font-size': 12 * k, 'text-background-padding': 3 * k, 'arrow-scale': Math.min(3, k) });
    }
  }

  function contactElements(list) {
    const els = [];
    const shown = new Set(list.map((c) => c.id));
    const usedUnits = new Set();
    // a unit and its ancestors get boxes; with a unit filter, only up to the chosen unit
    const within = state.unitFilter && state.units.has(state.unitFilter) ? unitSubtree(state.unitFilter) : null;
    const useUnit = (start) => {
      let u = state.units.get(start);
      const seen = new Set();
      while (u && !seen.has(u.id) && (!within || within.has(u.id))) {
        seen.add(u.id);
        usedUnits.add(u.id);
        u = state.units.get(u.parent);
      }
    };
    for (const c of list) if (c.orgUnit && state.units.has(c.orgUnit)) useUnit(c.orgUnit);
    // Org units with gaps (e.g. dark units) are drawn even when none of their contacts is.
    for (const g of state.gaps) {
      if (state.units.has(g.subjectId) && (!within || within.has(g.subjectId))) useUnit(g.subjectId);
    }
    for (const id of usedUnits) {
      const u = state.units.get(id);
      const parent = u.parent && usedUnits.has(u.parent) ? `unit:${u.parent}` : undefined;
      const dark = (state.gapsBySubject.get(id) || []).some((g) => g.kind === 'DARK_ORG_UNIT');
      els.push({
        group: 'nodes',
        data: { id: `unit:${id}`, ref: id, label: u.name, parent, depth: unitDepth(id) },
        classes: `unit${dark ? ' dark' : ''}${unitDepth(id) % 2 ? ' odd' : ''}`,
      });
      const hasChild = list.some((c) => c.orgUnit === id)
        || [...usedUnits].some((o) => state.units.get(o).parent === id);
      if (!hasChild) {
        // an org unit with nothing drawn in it (e.g. a dark unit) still needs a body
        els.push({ group: 'nodes', data: { id: `empty:${id}`, parent: `unit:${id}` }, classes: 'placeholder' });
      }
    }
    for (const c of list) {
      els.push({
        group: 'nodes',
        data: {
          id: c.id, kind: 'contact', ref: c.id,
          parent: c.orgUnit && usedUnits.has(c.orgUnit) ? `unit:${c.orgUnit}` : undefined,
        },
        classes: 'person contact',
      });
    }
    for (const l of state.map.links || []) {
      if (!shown.has(l.from) || !shown.has(l.to) || l.from === l.to) continue;
      if (l.type === 'REPORTS_TO') {
        els.push({
          group: 'edges',
          data: { id: `rep:${l.from}>${l.to}`, source: l.to, target: l.from, type: l.type },
          classes: 'reports',
        });
      } else if (l.type === 'INFLUENCES') {
        els.push({
          group: 'edges',
          data: {
            id: `inf:${l.from}>${l.to}`, source: l.from, target: l.to, type: l.type,
            strength: l.strength ?? 0.5, label: fmtStrength(l.strength),
          },
          classes: 'influence',
        });
      }
    }
    // A contact whose manager is filtered out hangs from the nearest shown manager above,
    // with a dotted (indirect) line, so the filtered map keeps the shape of the hierarchy.
    const managers = new Map();
    for (const l of state.map.links || []) {
      if (l.type === 'REPORTS_TO' && l.from !== l.to && !managers.has(l.from)) managers.set(l.from, l.to);
    }
    for (const c of list) {
      let boss = managers.get(c.id);
      if (boss === undefined || shown.has(boss)) continue;
      const seen = new Set([c.id]);
      while (boss !== undefined && !shown.has(boss) && !seen.has(boss)) { seen.add(boss); boss = managers.get(boss); }
      if (boss !== undefined && shown.has(boss) && boss !== c.id) {
        els.push({
          group: 'edges',
          data: { id: `ind:${c.id}>${boss}`, source: boss, target: c.id, type: 'REPORTS_TO_INDIRECT' },
          classes: 'reports indirect',
        });
      }
    }
    return els;
  }

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

  function runLayout(cy) {
    if (state.layout === 'dagre') {
      try { dagreLayout(cy); return; } catch (err) { console.warn('layered layout failed', err); }
    }
    orgChartLayout(cy);
  }

  function dagreLayout(cy) {
    cy.elements().not('edge.influence').layout({
      name: 'dagre', rankDir: 'TB', nodeSep: 18, rankSep: 46, edgeSep: 10,
      ranker: 'network-simplex', fit: false, animate: false,
    }).run();
  }

  function draw() {
    const cy = ensureCy();
    state.paths = state.paths || [];
    cy.startBatch();
    cy.elements().remove();
    cy.add(contactElements(visibleContacts()));
    cy.endBatch();
    runLayout(cy);
    renderCards();
    fitView();
    document.body.classList.remove('path-mode');
    if (state.activePath >= 0 && state.paths[state.activePath]) showPath(state.activePath);
  }

  function fitView(eles) {
    const cy = state.cy;
    if (!cy) return;
    cy.resize();
    const target = eles && eles.length ? eles : cy.elements();
    if (!target.length) { syncOverlay(); return; }
    // leave room above for the account-level gap badges that float over the map
    const badges = $('account-badges');
    const pad = 20;
    const top = badges.childElementCount ? badges.offsetHeight + 14 : pad;
    const bb = target.boundingBox();
    const w = cy.width();
    const hgt = cy.height();
    let zoom = Math.min((w - 2 * pad) / Math.max(bb.w, 1), (hgt - top - pad) / Math.max(bb.h, 1), 1.1);
    zoom = Math.max(cy.minZoom(), zoom);
    cy.viewport({
      zoom,
      pan: {
        x: (w - bb.w * zoom) / 2 - bb.x1 * zoom,
        y: top + Math.max(0, (hgt - top - pad - bb.h * zoom) / 2) - bb.y1 * zoom,
      },
    });
    syncOverlay();
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
      title: `${c.name}${c.title ? ` — ${c.title}` : ''}\nAttitude: ${att.label}${c.active === false ? '\nDeparted' : ''}`,
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

  function renderCards() {
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

  // --- header, filters -----------------------------------------------------------------------
  function renderAccountBadges() {
    const box = $('account-badges');
    box.replaceChildren();
    for (const k of state.map.competitors || []) {
      box.append(h('span', {
        class: 'supplier', title: `Competitor${k.position ? ` (${k.position} supplier)` : ' favoured by contacts'}`,
        dataset: { competitor: k.id },
      }, `⚑ ${k.name || k.id}${k.position ? ` · ${k.position}` : ''}`));
    }
    for (const g of state.gaps) {
      if (state.contacts.has(g.subjectId) || state.units.has(g.subjectId)) continue;
      box.append(h('span', {
        class: `account-gap gap-badge sev-${g.severity}`, title: `${g.message || ''}`,
        dataset: { subject: g.subjectId, kinds: g.kind, count: '1' },
        onclick: () => { selectTab('gaps'); },
      }, `${GAP_LABELS[g.kind] || g.kind}${g.subjectId !== state.map.accountId ? ` · ${g.subjectName || g.subjectId}` : ''}`));
    }
  }

  function renderUnitFilter() {
    const select = $('unit-filter');
    const keep = state.unitFilter;
    select.replaceChildren(h('option', { value: '' }, `All units (${state.units.size})`));
    for (const [u, depth] of unitsInTreeOrder()) {
      select.append(h('option', { value: u.id }, `${'\u2003'.repeat(depth)}${u.name}`));
    }
    select.value = state.units.has(keep) ? keep : '';
    state.unitFilter = select.value;
  }

  function renderPathForm() {
    const target = $('path-target');
    const keep = target.value;
    target.replaceChildren(h('option', { value: '' }, 'Choose a contact…'));
    const rankOrder = { S: 0, A: 1, B: 2, C: 3 };
    const list = [...state.contacts.values()].filter((c) => c.active !== false).sort((a, b) =>
      (rankOrder[a.rank] ?? 9) - (rankOrder[b.rank] ?? 9) || a.name.localeCompare(b.name));
    for (const c of list) {
      target.append(h('option', { value: c.id }, `${c.name}${c.title ? ` — ${c.title}` : ''}`));
    }
    if (state.contacts.has(keep)) target.value = keep;
    const from = $('path-from');
    const keepFrom = from.value;
    from.replaceChildren(h('option', { value: '' }, 'All our active staff'));
    const staff = [...state.staff.values()].filter((s) => s.active !== false)
      .sort((a, b) => a.name.localeCompare(b.name));
    for (const s of staff) {
      from.append(h('option', { value: s.id }, `${s.name}${s.role ? ` (${ROLE_LABELS[s.role] || s.role})` : ''}`));
    }
    if (state.staff.has(keepFrom)) from.value = keepFrom;
  }

  // --- gaps panel ----------------------------------------------------------------------------
  function renderGapList() {
    const box = $('gap-list');
    box.replaceChildren();
    $('gap-count').textContent = String(state.gaps.length);
    if (!state.gaps.length) {
      box.append(h('p', { class: 'muted' }, 'No coverage gaps. Every rule is satisfied.'));
      return;
    }
    for (const sev of SEVERITIES) {
      const items = state.gaps.filter((g) => g.severity === sev);
      if (!items.length) continue;
      const list = h('ol');
      for (const g of items) {
        list.append(h('li', {
          class: `gap-item sev-${g.severity}`, tabindex: '0',
          dataset: { kind: g.kind, subject: g.subjectId, severity: g.severity },
          onclick: () => focusSubject(g.subjectId),
          onkeydown: (e) => { if (e.key === 'Enter') focusSubject(g.subjectId); },
        },
        h('div', null, h('span', { class: 'kind' }, GAP_LABELS[g.kind] || g.kind), ' · ',
          h('span', { class: 'subject' }, g.subjectName || g.subjectId)),
        g.message ? h('div', { class: 'msg' }, g.message) : null,
        g.suggestion ? h('div', { class: 'fix' }, `→ ${g.suggestion}`) : null));
      }
      box.append(h('section', { class: 'gap-group', dataset: { severity: sev } },
        h('h2', null, h('span', { class: `sev-pill sev-${sev}` }, sev), `${items.length}`), list));
    }
  }

  function focusSubject(id) {
    const cy = state.cy;
    if (!cy) return;
    if (state.contacts.has(id)) {
      if (!cy.getElementById(id).length) { resetFilters(); }
      showDetails(id, false);
      const node = cy.getElementById(id);
      if (node.length) { cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 0.8) }, { duration: 250 }); flash(id); }
    } else if (state.units.has(id)) {
      let node = cy.getElementById(`unit:${id}`);
      if (!node.length) { resetFilters(); node = cy.getElementById(`unit:${id}`); }
      if (node.length) cy.animate({ fit: { eles: node, padding: 40 } }, { duration: 250 });
    }
  }

  function flash(id) {
    const card = state.overlay.querySelector(`.card[data-id="${CSS.escape(id)}"]`);
    if (!card) return;
    card.classList.remove('flash');
    void card.offsetWidth;
    card.classList.add('flash');
  }

  function resetFilters() {
    state.unitFilter = '';
    state.keyOnly = false;
    $('unit-filter').value = '';
    $('key-only').checked = false;
    draw();
  }

  // --- details panel -------------------------------------------------------------------------
  function selectTab(name) {
    for (const b of document.querySelectorAll('.tabs button')) {
      b.setAttribute('aria-selected', b.dataset.tab === name ? 'true' : 'false');
    }
    for (const t of ['gaps', 'contact', 'paths']) $(`tab-${t}`).hidden = t !== name;
  }

  function personName(id) {
    const c = state.contacts.get(id);
    if (c) return c.name;
    const s = state.staff.get(id);
    return s ? s.name : id;
  }

  async function showDetails(id, switchTab) {
    const c = state.contacts.get(id);
    if (!c) return;
    state.selected = id;
    for (const card of state.overlay.querySelectorAll('.card.selected')) card.classList.remove('selected');
    const card = state.overlay.querySelector(`.card[data-id="${CSS.escape(id)}"]`);
    if (card) card.classList.add('selected');
    if (switchTab) selectTab('contact');
    const box = $('details');
    const att = attitudeInfo(c.attitude);
    const unit = state.units.get(c.orgUnit);
    const gaps = state.gapsBySubject.get(id) || [];
    const links = state.map.links || [];
    const manager = links.filter((l) => l.type === 'REPORTS_TO' && l.from === id).map((l) => personName(l.to));
    const reports = links.filter((l) => l.type === 'REPORTS_TO' && l.to === id).length;
    const influencedBy = links.filter((l) => l.type === 'INFLUENCES' && l.to === id);
    const influences = links.filter((l) => l.type === 'INFLUENCES' && l.from === id);
    const flags = [];
    if (c.key) flags.push('key contact');
    if (c.coach || c.attitude === 3) flags.push('coach');
    if (c.risingStar) flags.push('rising star');
    if (c.active === false) flags.push('departed');

    const ownerRows = ['A', 'B', 'C'].map((role) => {
      const o = (c.owners || []).filter((x) => x.role === role);
      return [h('dt', null, `${role} owner`), h('dd', { dataset: { role } },
        o.length ? o.map((x) => x.name).join(', ') : h('span', { class: 'muted' }, 'none'))];
    });
    const last = c.lastInteraction;
    const ago = daysAgo(last);
    box.replaceChildren(
      h('div', { class: 'contact-details', dataset: { id } },
        h('h2', null, c.name),
        h('p', { class: 'subtitle' }, [c.title, unit && unit.name].filter(Boolean).join(' · ')),
        h('dl', null,
          h('dt', null, 'Attitude'),
          h('dd', null, h('span', { class: `att-pill att-${att.cls}`, dataset: { attitude: att.key } },
            `${att.label}${att.key !== 'unknown' ? ` (${att.key})` : ''}`)),
          h('dt', null, 'Rank'), h('dd', null, c.rank || '—'),
          flags.length ? [h('dt', null, 'Marks'), h('dd', null, flags.join(', '))] : null,
          ownerRows,
          h('dt', null, 'Sponsor'),
          h('dd', null, (c.sponsors || []).length ? c.sponsors.map((s) => s.name).join(', ') : h('span', { class: 'muted' }, 'none')),
          h('dt', null, 'Last met'),
          h('dd', { class: 'last-interaction' }, last ? `${last}${ago !== null ? ` (${ago} days ago)` : ''}` : h('span', { class: 'muted' }, 'never recorded')),
          manager.length ? [h('dt', null, 'Reports to'), h('dd', null, manager.join(', '))] : null,
          reports ? [h('dt', null, 'Direct reports'), h('dd', null, String(reports))] : null,
          (c.favors || []).length ? [h('dt', null, 'Favours'), h('dd', null,
            c.favors.map((f) => `${f.name}${f.strength ? ` (${fmtStrength(f.strength)})` : ''}`).join(', '))] : null,
        ),
        h('h3', null, 'Latest assessment'),
        h('div', { class: 'assessment' }, h('p', { class: 'muted' }, 'Loading…')),
        h('h3', null, `Gaps on this contact (${gaps.length})`),
        gaps.length ? h('ul', { class: 'contact-gaps' }, gaps.map((g) => h('li', { dataset: { kind: g.kind } },
          h('span', { class: `sev-pill sev-${g.severity}` }, g.severity), ' ',
          h('b', null, GAP_LABELS[g.kind] || g.kind), g.suggestion ? ` — ${g.suggestion}` : '')))
          : h('p', { class: 'muted' }, 'None.'),
        (influencedBy.length || influences.length) ? [
          h('h3', null, 'Informal influence'),
          h('ul', null,
            influencedBy.map((l) => h('li', null, `${personName(l.from)} → ${c.name} (${fmtStrength(l.strength)})`)),
            influences.map((l) => h('li', null, `${c.name} → ${personName(l.to)} (${fmtStrength(l.strength)})`))),
        ] : null,
        h('div', { class: 'actions' }, h('button', {
          type: 'button', class: 'primary', onclick: () => { $('path-target').value = id; selectTab('paths'); findPaths(); },
        }, `Find paths to ${c.name}`)),
      ));
    loadAssessment(id, box.querySelector('.assessment'));
  }

  async function loadAssessment(id, target) {
    const contactType = rootType('contact') || 'Contact';
    let sel = '';
    let mode = null;
    let withAsOf = false;
    if (state.schema) {
      for (const name of ['latestAssessment', 'assessments']) {
        const f = field(contactType, name);
        if (f && ['OBJECT', 'INTERFACE'].includes(named(f.type).kind)) {
          const inner = scalars(named(f.type).name).filter((n) => ASSESSMENT_FIELDS.includes(n));
          withAsOf = Boolean(state.asOf && f.args.asOf);
          if (inner.length) { sel = `${name}${withAsOf ? '(asOf: $asOf)' : ''} { ${inner.join(' ')} }`; mode = name; break; }
        }
      }
    } else {
      sel = `latestAssessment { ${ASSESSMENT_FIELDS.filter((n) => n !== 'assessedById').join(' ')} }`;
      mode = 'latestAssessment';
    }
    if (!sel) { target.replaceChildren(h('p', { class: 'muted' }, 'Not available from this server.')); return; }
    let assessment = null;
    try {
      const vars = withAsOf ? { id, asOf: state.asOf } : { id };
      const data = await gql('ContactDetails',
        `query ContactDetails($id: ID!${withAsOf ? ', $asOf: Date' : ''}) { contact(id: $id) { id ${sel} } }`, vars);
      const value = data.contact && data.contact[mode];
      assessment = Array.isArray(value)
        ? [...value].sort((a, b) => String(a.date).localeCompare(String(b.date))).filter((a) => !state.asOf || a.date <= state.asOf).pop()
        : value;
    } catch (err) {
      target.replaceChildren(h('p', { class: 'muted' }, `Could not load: ${err.message}`));
      return;
    }
    if (state.selected !== id) return;
    if (!assessment) { target.replaceChildren(h('p', { class: 'muted' }, 'Never assessed: attitude unknown.')); return; }
    const att = attitudeInfo(assessment.attitude ?? assessment.effectiveAttitude);
    const rows = DIMENSIONS.filter(([k]) => assessment[k] !== undefined).map(([k, label]) => {
      const v = assessment[k];
      return [h('dt', null, label), h('dd', null, v === null ? '—' : attitudeInfo(v).label + ` (${v})`)];
    });
    target.replaceChildren(h('dl', { class: 'assessment-data', dataset: { date: assessment.date || '' } },
      h('dt', null, 'Date'), h('dd', null, assessment.date || '—'),
      (assessment.assessedById || typeof assessment.assessedBy === 'string')
        ? [h('dt', null, 'By'), h('dd', null, personName(assessment.assessedById || assessment.assessedBy))] : null,
      h('dt', null, 'Attitude'), h('dd', null, att.label),
      assessment.score !== undefined && assessment.score !== null ? [h('dt', null, 'Score'), h('dd', null, Number(assessment.score).toFixed(2))] : null,
      rows));
  }

  // --- influence paths -----------------------------------------------------------------------
  async function findPaths() {
    const target = $('path-target').value;
    if (!target) { $('path-target').focus(); return; }
    const list = $('path-list');
    document.body.dataset.pathState = 'loading';
    list.replaceChildren(h('p', { class: 'muted' }, 'Searching…'));
    const decl = ['$target: ID!', '$maxHops: Int', '$limit: Int'];
    const args = ['target: $target', 'maxHops: $maxHops', 'limit: $limit'];
    const vars = { target, maxHops: Number($('path-hops').value), limit: Number($('path-limit').value) };
    const from = $('path-from').value;
    if (from) { decl.push('$from: [ID!]'); args.push('from: $from'); vars.from = [from]; }
    if (state.asOf && hasArg('influencePaths', 'asOf')) {
      decl.push(`$asOf: ${argType('influencePaths', 'asOf', 'Date').replace(/!$/, '')}`);
      args.push('asOf: $asOf');
      vars.asOf = state.asOf;
    }
    const sel = selection(rootType('influencePaths') || 'InfluencePath', PATH_SPEC);
    let paths;
    try {
      const data = await gql('Paths', `query Paths(${decl.join(', ')}) { influencePaths(${args.join(', ')}) { ${sel} } }`, vars);
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

  function clearPath() {
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
    fitView(pathEls.union(edgeEls));
  }

  // --- picker (/map/) ------------------------------------------------------------------------
  async function loadPicker() {
    $('account-name').textContent = 'Choose an account';
    document.body.classList.add('picking');
    document.querySelector('.layout').hidden = true;
    const picker = $('picker');
    picker.hidden = false;
    const list = $('account-list');
    list.replaceChildren(h('li', { class: 'muted' }, 'Loading…'));
    const type = rootType('accounts');
    const conn = state.schema && type && field(type, 'edges');
    const sel = !state.schema || conn ? 'edges { node { id name tier } }' : 'id name tier';
    const hasFirst = hasArg('accounts', 'first') || !state.schema;
    try {
      const data = await gql('Accounts', `query Accounts { accounts${hasFirst ? '(first: 200)' : ''} { ${sel} } }`);
      if (!state.key) markDevMode();
      const raw = data.accounts || [];
      const accounts = Array.isArray(raw) ? raw : (raw.edges || []).map((e) => e.node);
      list.replaceChildren();
      if (!accounts.length) list.append(h('li', { class: 'muted' }, 'No account is visible to this key.'));
      for (const a of accounts) {
        list.append(h('li', null, h('a', { href: `/map/${encodeURIComponent(a.id)}` }, a.name || a.id),
          a.tier ? h('span', { class: 'muted' }, ` · tier ${a.tier}`) : null));
      }
      setState('ready');
    } catch (err) {
      picker.hidden = true;
      document.body.classList.remove('picking');
      document.querySelector('.layout').hidden = false;
      handleError(err);
    }
  }

  // --- API key dialog ------------------------------------------------------------------------
  function openKeyDialog(reason) {
    const dialog = $('key-dialog');
    $('key-reason').textContent = reason
      || (state.dev
        ? 'The server runs in development mode and needs no key here. A key limits the map to what that key may see.'
        : 'This server needs an API key. It is kept in this browser tab only (session storage).');
    $('key-input').value = '';
    $('key-forget').hidden = !state.key;
    if (!dialog.open) dialog.showModal();
    $('key-input').focus();
  }

  function onKeyDialogClose() {
    const action = $('key-dialog').returnValue;
    if (action === 'save') {
      const value = $('key-input').value.trim();
      if (!value) return;
      state.key = value;
      sessionStorage.setItem(KEY_STORAGE, value);
    } else if (action === 'forget') {
      state.key = null;
      sessionStorage.removeItem(KEY_STORAGE);
    } else {
      return;
    }
    state.dev = false;
    markKeySet();
    restart();
  }

  async function restart() {
    clearPath();
    state.paths = [];
    try {
      await loadSchema();
      await loadViewer();
    } catch (err) {
      handleError(err);
      return;
    }
    if (state.accountId) await loadAccount();
    else await loadPicker();
  }

  // Who the page acts as: a key (its role and account limit) or the development principal.
  async function loadViewer() {
    if (state.schema && !rootField('viewer')) return;
    let viewer = null;
    try {
      const sel = selection(rootType('viewer') || 'Viewer', { keyId: 1, role: 1, accounts: 1 });
      viewer = (await gql('Viewer', `query Viewer { viewer { ${sel} } }`)).viewer;
    } catch (err) {
      if (err.kind === 'auth' || err.kind === 'network') throw err;
      return;
    }
    state.viewer = viewer;
    if (!state.key && viewer) markDevMode();
    else if (viewer) {
      const scope = viewer.accounts && viewer.accounts.length ? `limited to ${viewer.accounts.join(', ')}` : 'every account';
      $('key-button').title = `API key ${viewer.keyId || ''}: ${viewer.role}, ${scope}`;
    }
  }

  // --- print ---------------------------------------------------------------------------------
  // Lay the map out again for the current size of the map area (print has another shape).
  function relayout() {
    const cy = state.cy;
    cy.resize();
    if (state.activePath >= 0) {
      fitView(cy.elements('.on-path, .path-edge'));
      return;
    }
    runLayout(cy);
    renderCards();
    fitView();
  }

  function redrawNow() {
    // print captures the page right after the print events: draw the canvas at once
    const cy = state.cy;
    if (!cy) return;
    try {
      const r = cy.renderer();
      if (r && typeof r.render === 'function') r.render({ forcedContext: undefined });
    } catch (_) { /* the next animation frame draws it */ }
  }

  function beforePrint() {
    if (document.body.classList.contains('print-prep')) return;
    document.body.classList.add('print-prep');
    if (!state.cy) return;
    relayout();
    redrawNow();
  }

  function afterPrint() {
    if (!document.body.classList.contains('print-prep')) return;
    document.body.classList.remove('print-prep');
    if (!state.cy) return;
    relayout();
  }

  // --- start ---------------------------------------------------------------------------------
  function wire() {
    $('controls').addEventListener('submit', (e) => e.preventDefault());
    $('unit-filter').addEventListener('change', (e) => { state.unitFilter = e.target.value; draw(); });
    $('key-only').addEventListener('change', (e) => { state.keyOnly = e.target.checked; draw(); });
    $('layout').addEventListener('change', (e) => { state.layout = e.target.value; draw(); });
    $('as-of').addEventListener('change', (e) => {
      if (e.target.value === state.asOf) return;
      state.asOf = e.target.value;
      const url = new URL(window.location.href);
      if (state.asOf) url.searchParams.set('asOf', state.asOf); else url.searchParams.delete('asOf');
      window.history.replaceState(null, '', url);
      if (state.accountId) { clearPath(); state.paths = []; $('path-list').replaceChildren(); loadAccount(); }
    });
    $('fit').addEventListener('click', () => fitView());
    $('print').addEventListener('click', () => window.print());
    $('key-button').addEventListener('click', () => openKeyDialog());
    $('key-dialog').addEventListener('close', onKeyDialogClose);
    $('path-form').addEventListener('submit', (e) => { e.preventDefault(); findPaths(); });
    $('path-clear').addEventListener('click', () => {
      clearPath(); state.paths = []; $('path-list').replaceChildren();
      document.body.dataset.pathState = 'none';
      fitView();
    });
    for (const b of document.querySelectorAll('.tabs button')) {
      b.addEventListener('click', () => selectTab(b.dataset.tab));
    }
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', afterPrint);
    const printMedia = window.matchMedia('print');
    printMedia.addEventListener('change', (e) => (e.matches ? beforePrint() : afterPrint()));
    let resizeTimer = null;
    window.addEventListener('resize', () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => { if (state.cy) { state.cy.resize(); syncOverlay(); } }, 120);
    });
  }

  async function start() {
    wire();
    const match = window.location.pathname.match(/^\/map\/([^/]+)\/?$/);
    state.accountId = match ? decodeURIComponent(match[1]) : null;
    const params = new URLSearchParams(window.location.search);
    const asOf = params.get('asOf');
    if (asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) { state.asOf = asOf; $('as-of').value = asOf; }
    state.key = sessionStorage.getItem(KEY_STORAGE) || null;
    markKeySet();
    document.body.dataset.pathState = 'none';
    if (typeof window.cytoscape !== 'function') {
      setState('error');
      setStatus('The graph library is missing', [
        'This relgraph server cannot find cytoscape.js. In a checkout run “npm ci” (or “make setup-dev”); '
        + 'for an installed package, build it after “python -m relgraph.api.map_page vendor”.',
      ], true);
      return;
    }
    await restart();
  }

  // For tests and the console: the live state and the cytoscape instance.
  window.relgraphMap = {
    state,
    get cy() { return state.cy; },
    findPaths,
    showDetails: (id) => showDetails(id, true),
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
