// The boundary rule must fail when pure code reaches for Electron, Node, PouchDB or the DOM.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const cwd = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('boundary lint rule', () => {
  it.each([
    ["import { app } from 'electron';\nexport const a = app;\n", 'electron'],
    ["import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'node:fs'],
    ["import { join } from 'path';\nexport const j = join;\n", 'path (bare builtin)'],
    ["import PouchDB from 'pouchdb-browser';\nexport const P = PouchDB;\n", 'pouchdb'],
    ["import { SerialPort } from 'serialport';\nexport const S = SerialPort;\n", 'serialport'],
  ])('rejects %s in sync/model (%s)', async (code) => {
    expect(await ruleIds(code, 'sync/model/bad.std.ts')).toContain('no-restricted-imports');
  });

  it('rejects DOM and Node globals in a frame parser', async () => {
    const ids = await ruleIds(
      'export const t = document.title + String(process.pid);\n',
      'drivers/devices/parsers/bad.std.ts',
    );
    expect(ids.filter((id) => id === 'no-restricted-globals')).toHaveLength(2);
  });

  it('rejects a pure folder file without the .std suffix', async () => {
    expect(await ruleIds('export const x = 1;\n', 'sync/model/patient.node.ts')).toContain('edge/pure-folder-suffix');
  });

  it('rejects electron in a Node service, which must run without it', async () => {
    expect(
      await ruleIds("import { app } from 'electron';\nexport const a = app;\n", 'electron/services/x.node.ts'),
    ).toContain('no-restricted-imports');
  });

  it('rejects Node modules in the renderer', async () => {
    expect(
      await ruleIds(
        "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n",
        'renderer/src/x.dom.ts',
      ),
    ).toContain('no-restricted-imports');
  });

  it('asks for an explicit extension on relative imports (tsx would load ./x.node as a native addon)', async () => {
    const ids = await ruleIds(
      "import { createEdgeNode } from '../services/compositionRoot.node';\nexport const c = createEdgeNode;\n",
      'electron/bridge/x.node.ts',
    );
    expect(ids).toContain('edge/relative-import-extension');
  });

  it('accepts clean pure code, and relative imports that merely look like builtins', async () => {
    const code =
      "import { z } from 'zod';\nimport { errorText } from './util/errors.std.js';\nexport const s = z.enum(Object.keys(errorText));\n";
    expect(await ruleIds(code, 'sync/model/good.std.ts')).toEqual([]);
  });

  // Every arrow points down: renderer → contract → sync, drivers → sync/model.
  it.each([
    [
      "import { CardText } from '../../electron/contract/card.std.js';\nexport type T = CardText;\n",
      'drivers/card/bad.std.ts',
      'drivers → contract',
    ],
    [
      "import { errorText } from '../../electron/contract/errors.std.js';\nexport const e = errorText;\n",
      'sync/replication/bad.std.ts',
      'sync → contract',
    ],
    [
      "import { isValidCid } from '../../drivers/card/x.std.js';\nexport const v = isValidCid;\n",
      'sync/central/bad.node.ts',
      'sync → drivers',
    ],
    [
      "import { replicate } from '../replication/replicator.dom.js';\nexport const r = replicate;\n",
      'sync/model/bad.std.ts',
      'model → sync',
    ],
    [
      "import { HL7_DIALECTS } from '../../../drivers/devices/parsers/hl7Dialect.std.js';\nexport const d = HL7_DIALECTS;\n",
      'renderer/src/it/bad.std.ts',
      'renderer → drivers',
    ],
    [
      "import { openStationDb } from '../../electron/services/db.node.js';\nexport const o = openStationDb;\n",
      'renderer/src/bad.dom.ts',
      'renderer → main services',
    ],
    [
      "export { Thing } from '../../renderer/src/thing.std.js';\n",
      'electron/services/bad.node.ts',
      'main → renderer (re-export)',
    ],
    ["export * from '../services/x.node.js';\n", 'electron/contract/bad.std.ts', 'contract → main'],
  ])('rejects an import that points up: %s in %s (%s)', async (code, file) => {
    expect(await ruleIds(code, file)).toContain('edge/layer-direction');
  });

  it.each([
    [
      "import { Loinc } from '../../sync/model/vitals/vitalSigns.std.js';\nexport const l = Loinc;\n",
      'drivers/devices/ok.std.ts',
    ],
    [
      "import { CardText } from '../../drivers/card/cardRead.std.js';\nexport const c = CardText;\n",
      'electron/contract/ok.std.ts',
    ],
    [
      "import { errorText } from '../../electron/contract/errors.std.js';\nexport const e = errorText;\n",
      'renderer/src/ok.std.ts',
    ],
    [
      "import { DataContext } from '../../sync/store/dataContext.dom.js';\nexport const d = DataContext;\n",
      'renderer/src/ok.dom.ts',
    ],
  ])('accepts an import that points down: %s in %s', async (code, file) => {
    expect(await ruleIds(code, file)).not.toContain('edge/layer-direction');
  });
});
