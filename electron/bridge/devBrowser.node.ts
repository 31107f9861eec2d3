/**
 * `npm run dev:browser`: the real main-process services in plain Node, the contract over a loopback
 * WebSocket with a random token, and the real renderer served to any browser on this machine.
 *   --data-dir DIR   station data (default: the installed app's folder, or EDGE_DATA_DIR)
 *   --port N         fixed port (default: a free one)
 *   --no-build       serve renderer/dist as it is (tests build it once beforehand)
 *   --demo           first-run setup preselects a demo station (as EDGE_DEMO=1 does); a station already set up
 *                    keeps its mode
 *   --nhso-agent URL  the NHSO Secure Smart Card Agent to ask for authen codes when IT stored no address
 *                    (default: EDGE_NHSO_AGENT_URL, else http://127.0.0.1:8189); this computer only
 * Prints one line `EDGE_BRIDGE_URL=<url>` that tests and people can open.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEdgeNode } from '../services/compositionRoot.node.js';
import { chromiumPdfPrinter } from '../services/printer/chromiumPdfPrinter.node.js';
import { startBridge } from './bridgeServer.node.js';
import type { StationSettings } from '../contract/settings.std.js';
import { defaultDataDir } from '../services/dataDir.node.js';
import { startupFailureText } from '../services/startup/startupFailure.std.js';
import { startFailurePage } from './failurePage.node.js';
import { demoOffered } from '../services/station/stationMode.std.js';
import { localAgentUrl } from '../services/nhso/agentWire.std.js';
import { describeError } from '../contract/errors.std.js';
import { errorMessage } from '../../sync/model/errorMessage.std.js';

const projectRoot = resolve(import.meta.dirname, '../..');

/** Says which kind of station this is, so nobody takes a demo for a real one (or wonders where the demo went). */
function stationModeLine(settings: StationSettings): string {
  if (!settings.configured) {
    return settings.mode === 'demo'
      ? 'ตั้งค่าครั้งแรก: เลือก "สถานีสาธิต" ไว้ให้แล้ว / First-run setup offers a demo station.'
      : 'ตั้งค่าครั้งแรก: สถานีจริง (ใช้ --demo เพื่อทดลอง) / First-run setup offers a real station (--demo to try the app).';
  }
  return settings.mode === 'demo'
    ? 'สถานีสาธิต: บัตรและเครื่องวัดจำลอง / Demo station: virtual card and devices.'
    : 'สถานีจริง: ใช้เฉพาะเครื่องอ่านบัตรและเครื่องวัดจริง / Real station: real card reader and devices only.';
}

/** The agent address given on the command line, refused unless it is on this computer (the citizen id goes there). */
function nhsoAgentUrl(given: string | undefined): string | undefined {
  if (given === undefined || given === '') return undefined;
  const url = localAgentUrl(given);
  if (url === null) throw new Error(`--nhso-agent ${given}: ${describeError('nhso_agent_url_not_local')}`);
  return url;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      host: { type: 'string', default: '127.0.0.1' },
      demo: { type: 'boolean', default: false },
      'nhso-agent': { type: 'string' },
    },
  });
  const staticDir = resolve(projectRoot, 'renderer/dist');
  if (!values['no-build'] || !existsSync(resolve(staticDir, 'index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: resolve(projectRoot, 'renderer/vite.config.ts'), logLevel: 'warn' });
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const started = await createEdgeNode({
    dataDir,
    echoLogs: false,
    offerDemo: values.demo || demoOffered(process.env),
    nhso: { defaultAgentUrl: nhsoAgentUrl(values['nhso-agent'] ?? process.env['EDGE_NHSO_AGENT_URL']) },
    // No Electron here: the system printer is a PDF Chromium makes in <data>/slips/.
    printer: { system: chromiumPdfPrinter({ outDir: join(dataDir, 'slips') }) },
  }).catch((error: unknown) => ({ failed: error }));
  if ('failed' in started) {
    await serveFailure(started.failed, dataDir, values.host, values.port === undefined ? 0 : Number(values.port));
    return;
  }
  const node = started;
  const bridge = await startBridge({
    dispatch: node.dispatch,
    events: node.events,
    log: node.log,
    staticDir,
    host: values.host,
    port: values.port === undefined ? 0 : Number(values.port),
    // The central proxy on the page's own origin (SyncEndpoint.proxyOrigin = null).
    routes: node.sync.proxyRoute(),
  });
  console.log(`EDGE_BRIDGE_URL=${bridge.url}`);
  console.log(`Open the URL above in Chromium on this machine (data: ${node.dataDir}). Ctrl+C stops.`);
  console.log(stationModeLine(node.settings.get()));

  let stopping = false;
  async function stop(): Promise<void> {
    if (stopping) return;
    stopping = true;
    await bridge.close();
    await node.close();
    process.exit(0);
  }
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** The station could not start: say why on the page people open, and keep serving it until stopped. */
async function serveFailure(error: unknown, dataDir: string, host: string, port: number): Promise<void> {
  const text = startupFailureText(error, dataDir);
  console.error(`${text.title}\n${text.body}`);
  const page = await startFailurePage(text, host, port);
  console.log(`EDGE_BRIDGE_URL=${page.url}`);
  const stop = (): void => void page.close().finally(() => process.exit(1));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(errorMessage(error));
  process.exit(1);
});
