// Runs the built Electron main bundle under plain Node with the recording `electron` stub, fires `ready`,
// exercises what the window would (app:// requests, header hooks, one IPC command, renderer crashes), quits,
// and prints one JSON report on stdout. Environment:
//   STUB_MAIN              path of out/main/index.js to import
//   STUB_ELECTRON_VERSION  defines process.versions.electron (as inside Electron)
//   STUB_IPC_CHANNEL       a command channel to invoke from a trusted and an untrusted frame
//   STUB_ASSETS            JSON list of app:// paths to request
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const version = process.env.STUB_ELECTRON_VERSION;
if (version) Object.defineProperty(process.versions, 'electron', { value: version, enumerable: true });

const { stub } = await import('electron');
await import(pathToFileURL(process.env.STUB_MAIN).href);
const topLevelCalls = stub.calls.length;
stub.fireReady();
const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 30_000));
const outcome = await Promise.race([stub.settled, timeout]);

const report = { outcome, topLevelCalls, exitCode: stub.exitCode, responses: [], headers: [], ipc: null, crashes: [] };

async function describe(response) {
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    csp: response.headers.get('content-security-policy'),
    nosniff: response.headers.get('x-content-type-options'),
    length: body.length,
    head: body.subarray(0, 15).toString('latin1'),
  };
}

if (outcome === 'loaded') {
  const handler = stub.protocolHandlers.get('app');
  for (const path of JSON.parse(process.env.STUB_ASSETS ?? '[]')) {
    const url = path.startsWith('app://') ? path : `app://edge${path}`;
    report.responses.push({ path, ...(await describe(await handler(new Request(url)))) });
  }
  for (const url of ['app://edge/index.html', 'http://127.0.0.1:5173/', 'http://127.0.0.1:9/central/x']) {
    for (const hook of stub.headerHooks) {
      const headers = await new Promise((resolve) =>
        hook(
          { url, responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } },
          (result) => resolve(result.responseHeaders),
        ),
      );
      report.headers.push({ url, headers });
    }
  }
  const channel = process.env.STUB_IPC_CHANNEL;
  const ipc = stub.ipcHandlers.get(channel);
  report.ipc = {
    channels: [...stub.ipcHandlers.keys()],
    trusted: ipc ? await ipc({ senderFrame: { url: 'app://edge/index.html' } }, {}) : null,
    untrusted: ipc ? await ipc({ senderFrame: { url: 'https://evil.example/' } }, {}) : null,
  };
  const contents = stub.windows[0]?.webContents;
  const gone = contents?.listeners.get('render-process-gone');
  for (let i = 0; i < 3 && gone; i += 1) {
    const before = stub.calls.length;
    gone({}, { reason: 'crashed', exitCode: 139 });
    await new Promise((resolve) => setImmediate(resolve));
    report.crashes.push(stub.calls.slice(before).map((call) => call.api));
  }
  const closed = stub.appListeners.get('window-all-closed');
  closed?.();
  for (let waited = 0; waited < 10_000 && !stub.calls.some((call) => call.api === 'app.quit'); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

report.calls = stub.calls.map((call) => ({
  api: call.api,
  beforeReady: call.beforeReady,
  args: JSON.parse(JSON.stringify(call.args ?? [])),
}));
const require = createRequire(import.meta.url);
report.nativeModules = Object.keys(require.cache).filter((key) => key.endsWith('.node'));
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
