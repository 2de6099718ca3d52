#!/usr/bin/env node
// Lints Cypher statements with Neo4j 5's own parser and semantic analysis, without a server.
//
// stdin:  [{"id": "...", "query": "...", "parameters": {"name": value, ...}}, ...]
// stdout: [{"id": "...", "diagnostics": [{"severity": 1|2, "message": "...", "line": N,
//           "column": N}]}, ...]   (severity 1 = error, 2 = warning; line/column 1-based,
//           relative to the query text)
// Exit 0 whenever linting ran, even with diagnostics; 2 with a message on stderr otherwise.
//
// One process lints the whole batch: the analyser's first call costs most (JIT warm-up).

const PACKAGE = '@neo4j-cypher/language-support';

// Plugin namespaces: a plain Neo4j 5 has none of them, and relgraph must not rely on them.
const PLUGIN_PREFIXES = ['apoc.', 'gds.', 'genai.'];

function fail(message) {
  process.stderr.write(`cypher-lint: ${message}\n`);
  process.exit(2);
}

async function loadLanguageSupport() {
  try {
    return await import(PACKAGE);
  } catch (err) {
    fail(`cannot load ${PACKAGE} (${err.message}); run \`npm ci\` in the repository root`);
  }
}

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (chunk) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

function parseItems(text) {
  let items;
  try {
    items = JSON.parse(text);
  } catch (err) {
    fail(`stdin is not JSON: ${err.message}`);
  }
  if (!Array.isArray(items)) fail('stdin must be a JSON array of {id, query, parameters}');
  items.forEach((item, index) => {
    const where = `item ${index}`;
    if (item === null || typeof item !== 'object') fail(`${where} is not an object`);
    if (typeof item.id !== 'string') fail(`${where} has no string "id"`);
    if (typeof item.query !== 'string') fail(`${where} (${item.id}) has no string "query"`);
    const params = item.parameters ?? {};
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      fail(`${where} (${item.id}): "parameters" must be an object`);
    }
  });
  return items;
}

// Declaring functions and procedures makes unknown ones errors (typos, APOC). The package ships
// Neo4j's catalogue of them (as test data): keep the built-in functions and the non-plugin
// procedures, i.e. what a plain Neo4j 5 server offers.
function builtInSchema(testData, version) {
  const mock = testData?.mockSchema;
  const functions = mock?.functions?.[version];
  const procedures = mock?.procedures?.[version];
  if (!functions || !procedures) {
    fail(`${PACKAGE} no longer ships its function catalogue for ${version}; update cypher-lint`);
  }
  const isPlugin = (name) => PLUGIN_PREFIXES.some((prefix) => name.startsWith(prefix));
  return {
    functions: {
      [version]: Object.fromEntries(
        Object.entries(functions).filter(([, fn]) => fn.isBuiltIn && !isPlugin(fn.name)),
      ),
    },
    procedures: {
      [version]: Object.fromEntries(
        Object.entries(procedures).filter(([name]) => !isPlugin(name)),
      ),
    },
  };
}

function toDiagnostic(diagnostic) {
  // The package reports LSP ranges (0-based line and character) relative to the query text.
  return {
    severity: diagnostic.severity,
    message: diagnostic.message,
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
  };
}

function lintOne(lintCypherQuery, schema, item) {
  // Only the names of parameters matter to the linter: any value other than undefined declares one.
  const dbSchema = { ...schema, parameters: item.parameters ?? {} };
  try {
    // Console commands (`:param` ...) belong to the browser, not to statements the app sends.
    const { diagnostics } = lintCypherQuery(item.query, dbSchema, {
      consoleCommandsEnabled: false,
    });
    return diagnostics.map(toDiagnostic);
  } catch (err) {
    // A crash on one statement must not hide the others; report it as an error on it.
    return [{ severity: 1, message: `linter crashed: ${err.message}`, line: 1, column: 1 }];
  }
}

async function main() {
  const { lintCypherQuery, testData } = await loadLanguageSupport();
  const items = parseItems(await readStdin());
  const schema = { defaultLanguage: 'CYPHER 5', ...builtInSchema(testData, 'CYPHER 5') };
  const results = items.map((item) => ({
    id: item.id,
    diagnostics: lintOne(lintCypherQuery, schema, item),
  }));
  process.stdout.write(JSON.stringify(results) + '\n');
}

main().catch((err) => fail(err?.stack ?? String(err)));
