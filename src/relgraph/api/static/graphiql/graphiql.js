// GraphiQL for relgraph's /graphql, from the libraries relgraph serves itself (no CDN).
// The API key of this tab (the one the power map keeps in session storage) is sent by
// default; a header typed into GraphiQL's Headers editor replaces it. Headers are not
// persisted, so a key never lands in local storage.
'use strict';

(function start() {
  const root = document.getElementById('graphiql');
  if (!window.React || !window.ReactDOM || !window.GraphiQL) {
    root.textContent = 'GraphiQL could not load its libraries from /static/vendor/: '
      + 'this relgraph installation is incomplete (reinstall relgraph).';
    return;
  }
  const key = window.sessionStorage.getItem('relgraph.apiKey');
  const headers = key ? { Authorization: `Bearer ${key}` } : {};
  const fetcher = window.GraphiQL.createFetcher({ url: '/graphql', headers });
  const params = new URLSearchParams(window.location.search);
  const defaultQuery = `# relgraph's GraphQL API. Without the development flag, requests need
# an API key: add {"Authorization": "Bearer SECRET"} under Headers below.
query Accounts {
  viewer { role accounts }
  accounts(first: 10) { totalCount edges { node { id name tier } } }
}
`;
  const element = window.React.createElement(window.GraphiQL, {
    fetcher,
    defaultQuery,
    query: params.get('q') || undefined,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: true,
    inputValueDeprecation: true,
  });
  window.ReactDOM.createRoot(root).render(element);
}());
