// Talking to /graphql: one POST per operation, with the tab's API key; errors come back as
// ApiError with a kind the page acts on (auth, denied, network, http, graphql). The page is
// served by the same app as the API, so the operations are written for its schema.

import { setStatus, state } from './state.js';

// --- GraphQL ------------------------------------------------------------------------------
export class ApiError extends Error {
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

// An answer the server keeps (gaps, figures, a power map) that takes longer than its time budget
// goes on being computed there: the server says so (REQUEST_TIMEOUT with
// extensions.stillComputing) and keeps the answer, so the page asks again until it comes, saying
// that it waits, for up to this long.
const STILL_COMPUTING_PATIENCE_MS = 15 * 60 * 1000;
const stillComputing = (errors) => errors.length > 0
  && errors.every((e) => e.extensions && e.extensions.stillComputing);

export async function gql(operationName, query, variables) {
  const began = Date.now();
  for (let wait = 1000; ; wait = Math.min(wait * 2, 5000)) {
    try {
      return await ask(operationName, query, variables);
    } catch (err) {
      if (!err.stillComputing || Date.now() - began > STILL_COMPUTING_PATIENCE_MS) throw err;
      const seconds = Math.round((Date.now() - began) / 1000);
      setStatus('Still being computed on the server…', [
        `A large portfolio's answer takes a while after a change (${seconds} s so far); it is `
        + 'kept once computed, so this page shows it as soon as it is ready.']);
      await new Promise((resolve) => { setTimeout(resolve, wait); });
    }
  }
}

async function ask(operationName, query, variables) {
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
    // a rejected input lists its problems as `path: reason`: the forms show each by its field
    err.problems = errors.flatMap((e) => (e.extensions && e.extensions.problems) || []);
    err.stillComputing = stillComputing(errors);
    throw err;
  }
  return body.data || {};
}

// The operations of the page (fields as in schema/schema.graphql).
const POWER_MAP_FIELDS = `accountId accountName tier
  units { id name parent }
  contacts { id name title rank orgUnit attitude key active coach risingStar lastInteraction gaps
    owners { staffId name role } sponsors { staffId name } favors { competitorId name strength } }
  staff { id name rank role active }
  links { type from to strength }
  gaps { kind severity subjectId subjectName accountId message suggestion
    candidates { staffId name strength } }
  competitors { id name position }`;

export const POWER_MAP_QUERY = `query PowerMap($id: ID!, $asOf: Date) {
  powerMap(accountId: $id, asOf: $asOf) { ${POWER_MAP_FIELDS} } }`;

export const PATHS_QUERY = `query Paths($target: ID!, $from: [ID!], $maxHops: Int, $limit: Int,
    $asOf: Date) {
  influencePaths(target: $target, from: $from, maxHops: $maxHops, limit: $limit, asOf: $asOf) {
    strength hops nodes { id name side title account }
    links { type from to strength source explanation } } }`;

export const ASSESSMENT_QUERY = `query ContactDetails($id: ID!, $asOf: Date) {
  contact(id: $id) { id latestAssessment(asOf: $asOf) {
    date assessedById attitude score effectiveAttitude acceptance participation projectSupport
    informationSharing guidance competitiveStance } } }`;

// The portfolio, a page of accounts at a time: 100 accounts with their figures stay well inside
// the API's cost limit (figures run an analysis per account).
export const PORTFOLIO_PAGE = 100;
export const PORTFOLIO_QUERY = `query Portfolio($first: Int!, $after: String) {
  accounts(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id name tier partnership
      figures { health gapsHigh gapsMedium gapsLow keyContacts coachPresent ownerCoverage } } } }`;

// Writes from the contact panel: the server checks the key's role and the values.
export const RECORD_ASSESSMENT = `mutation RecordAssessment($input: AssessmentInput!) {
  recordAssessment(input: $input) { date } }`;

export const ASSIGN_OWNER = `mutation AssignOwner($staffId: ID!, $contactId: ID!, $role: OwnerRole!) {
  assignOwner(staffId: $staffId, contactId: $contactId, role: $role) { id } }`;

export const REMOVE_OWNER = `mutation RemoveOwner($staffId: ID!, $contactId: ID!, $role: OwnerRole!) {
  removeOwner(staffId: $staffId, contactId: $contactId, role: $role) { id } }`;

export const PAIR_SPONSOR = `mutation PairSponsor($staffId: ID!, $contactId: ID, $accountId: ID) {
  pairSponsor(staffId: $staffId, contactId: $contactId, accountId: $accountId) { __typename } }`;

export const UNPAIR_SPONSOR = `mutation UnpairSponsor($staffId: ID!, $contactId: ID) {
  unpairSponsor(staffId: $staffId, contactId: $contactId) }`;

export const RECORD_INTERACTION = `mutation RecordInteraction($input: InteractionInput!) {
  recordInteraction(input: $input) { id } }`;

// The account's opportunities with their decision chains (for the per-opportunity view).
export const OPPORTUNITIES_QUERY = `query Opportunities($id: ID!) {
  account(id: $id) { opportunities { id name stage value closeDate open
    decisionChain { role contact { id name } } } } }`;

export const VIEWER_QUERY = 'query Viewer { viewer { keyId role accounts } }';
