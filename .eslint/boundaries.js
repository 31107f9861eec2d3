// Which code may import what. A file's runtime is visible in its name (Signal-Desktop's convention):
//   *.std.ts   pure: no Electron, no Node, no DOM, no PouchDB, no hardware. Runs anywhere, property-tested.
//   *.node.ts  plain Node: services, drivers' port I/O, CLIs. Never Electron (they run without it).
//   *.dom.ts(x) the renderer: DOM, React, PouchDB. Never Node or Electron.
//   *.main.ts  Electron's main process: the only place that imports electron (besides the preload).
//   *.preload.ts the sandboxed preload: electron's contextBridge/ipcRenderer and the pure contract only.
// Folders that hold only pure code must name their files *.std.ts (rule edge/pure-folder-suffix).
import { builtinModules } from 'node:module';
import { relativeImportExtension } from './relativeImportExtension.js';
import { layerDirection } from './layerDirection.js';

// Package names (a trailing * is a wildcard within the name); each also blocks its subpaths ('react-dom/client').
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));
const builtinPatterns = ['node:*', ...nodeBuiltins];
const hardware = ['better-sqlite3', 'serialport', '@serialport/*', 'node-hid', 'smartcard', 'ws', 'pino', 'pino-*'];
const pouch = ['pouchdb', 'pouchdb-*', 'fake-indexeddb'];
const electron = ['electron'];
const react = ['react', 'react-dom', 'react-i18next', 'i18next', 'uplot'];

/** Folders whose code must be pure whatever the file is called. */
export const pureFolders = ['sync/model/**', 'electron/contract/**', 'drivers/**/parsers/**', 'drivers/**/protocol/**'];

const domGlobals = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'IDBKeyRange',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'self',
  'Blob',
  'FileReader',
];
const nodeGlobals = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate'];

/** Anchored regexes, so a relative import such as '../events/bus' is never mistaken for Node's 'events'. */
function packageRegex(names) {
  const alternatives = names.map((name) => name.replace(/[.+?^${}()|[\]\\/]/g, '\\$&').replace(/\*/g, '[^/]*'));
  return `^(?:${alternatives.join('|')})(?:/.*)?$`;
}
function restrict(groups, why) {
  return ['error', { patterns: groups.map((names) => ({ regex: packageRegex(names), message: why })) }];
}
function globalsRule(names, why) {
  return ['error', ...names.map((name) => ({ name, message: why }))];
}

export const boundaryRules = [
  {
    files: ['**/*.std.ts', ...pureFolders.map((f) => `${f}/*.ts`), ...pureFolders],
    rules: {
      'no-restricted-imports': restrict(
        [builtinPatterns, electron, pouch, hardware, react],
        'Pure code (*.std.ts, sync/model, contract, frame parsers) must not import Electron, Node, PouchDB, React or hardware modules: pass data in, return data out.',
      ),
      'no-restricted-globals': globalsRule(
        [...domGlobals, ...nodeGlobals],
        'Pure code must not touch DOM or Node globals; take what it needs as a parameter.',
      ),
    },
  },
  {
    files: ['**/*.node.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [electron, react],
        'Node services run without Electron (tests, dev:browser, CLIs): only *.main.ts may import electron.',
      ),
      'no-restricted-globals': globalsRule(['window', 'document', 'localStorage'], 'No DOM in Node code.'),
    },
  },
  {
    files: ['**/*.dom.ts', '**/*.dom.tsx'],
    rules: {
      'no-restricted-imports': restrict(
        [builtinPatterns, electron, hardware],
        'Renderer code talks to the main process only through the contract (renderer/src/bridge).',
      ),
      'no-restricted-globals': globalsRule(nodeGlobals, 'No Node globals in the renderer.'),
    },
  },
  {
    files: ['**/*.preload.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [builtinPatterns, pouch, hardware, react],
        'The preload exposes only the contract: electron and electron/contract imports.',
      ),
    },
  },
];

/** A tiny local rule: files inside pure folders must carry the .std suffix, so their runtime is in the name. */
export const edgePlugin = {
  rules: {
    'relative-import-extension': relativeImportExtension,
    'layer-direction': layerDirection,
    'pure-folder-suffix': {
      meta: {
        type: 'problem',
        schema: [],
        messages: { suffix: 'Files in pure folders must be named *.std.ts (found {{name}}).' },
      },
      create(context) {
        const name = context.filename.replaceAll('\\', '/');
        return {
          Program(node) {
            if (!name.endsWith('.std.ts') && !name.endsWith('.d.ts')) {
              context.report({ node, messageId: 'suffix', data: { name: name.split('/').pop() } });
            }
          },
        };
      },
    },
  },
};
