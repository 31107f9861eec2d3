// Every arrow points down. A folder's layer decides what it may import (relative imports, resolved from the
// importing file): the renderer and main compose the contract, the contract composes the vocabularies of
// drivers/ and sync/, and sync/model is the shared vocabulary at the bottom (records, vitals, the citizen id,
// bilingual texts). Tests, benchmarks, build scripts and config sit outside the layers.
import { dirname, relative, resolve } from 'node:path';

/** Most specific first. */
const LAYERS = [
  ['sync/model/', 'model'],
  ['sync/', 'sync'],
  ['drivers/', 'drivers'],
  ['electron/contract/', 'contract'],
  ['electron/', 'main'],
  ['renderer/', 'renderer'],
];

/** What each layer may import besides itself. */
export const MAY_IMPORT = {
  model: [],
  drivers: ['model'],
  sync: ['model'],
  contract: ['model', 'drivers', 'sync'],
  main: ['model', 'drivers', 'sync', 'contract'],
  renderer: ['model', 'sync', 'contract'],
};

function layerOf(path) {
  const found = LAYERS.find(([prefix]) => path.startsWith(prefix));
  return found === undefined ? null : found[1];
}

export const layerDirection = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      up: "{{from}} code may not import {{to}} code ('{{spec}}'): imports point down (renderer → contract → sync, drivers → sync/model). Move the shared type down, or pass it in.",
    },
  },
  create(context) {
    const root = context.cwd;
    const file = relative(root, context.filename).replaceAll('\\', '/');
    const from = layerOf(file);
    if (from === null) return {};
    function check(node) {
      const source = node.source;
      if (source === null || source === undefined || typeof source.value !== 'string') return;
      const spec = source.value;
      if (!spec.startsWith('./') && !spec.startsWith('../')) return;
      const target = relative(root, resolve(dirname(context.filename), spec)).replaceAll('\\', '/');
      const to = layerOf(target);
      if (to === null || to === from || MAY_IMPORT[from].includes(to)) return;
      context.report({ node: source, messageId: 'up', data: { from, to, spec } });
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
