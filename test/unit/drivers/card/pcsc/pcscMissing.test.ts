/**
 * A checkout where `smartcard` (an optional dependency) could not be built, as on a fresh Debian machine
 * without libpcsclite-dev: the station still starts, the card service is down without retrying, and the doctor
 * gives IT the exact install line. The addon's absence is stood in by a loader that throws as Node does.
 */
import { describe, expect, it } from 'vitest';
import { PcscBackend, isMissingAddon } from '../../../../../drivers/card/pcsc/pcscBackend.node.js';
import { CardService } from '../../../../../electron/services/card/cardService.node.js';
import { cardServiceCheck } from '../../../../../electron/services/card/cardDoctor.node.js';
import { tempEdgeNode } from '../../../../factories/edgeNode.js';

function missingAddon(): never {
  throw Object.assign(new Error("Cannot find module 'smartcard'"), { code: 'MODULE_NOT_FOUND' });
}

describe('PC/SC support not installed', () => {
  it('tells a missing addon from other load failures', () => {
    expect(isMissingAddon(Object.assign(new Error('x'), { code: 'MODULE_NOT_FOUND' }))).toBe(true);
    expect(isMissingAddon(Object.assign(new Error('x'), { code: 'ERR_DLOPEN_FAILED' }))).toBe(true);
    expect(isMissingAddon(new Error('SCardEstablishContext: Service not available'))).toBe(false);
  });

  it('the backend reports missing support and down service; the doctor names the packages to install', async () => {
    const node = await tempEdgeNode();
    const backend = new PcscBackend(missingAddon);
    const service = new CardService({ backend, audit: node.audit, events: node.events, log: node.log, db: node.db });
    try {
      service.start();
      expect(backend.supportMissing()).toBe(true);
      expect(backend.serviceUp()).toBe(false);
      expect(service.status()).toMatchObject({ backend: 'pcsc', service: 'down', readers: [] });
      const check = await cardServiceCheck(() => service)();
      expect(check.verdict).toBe('fail');
      expect(check.en).toContain('sudo apt-get install -y libpcsclite-dev pcscd');
      expect(check.en).toContain('npm rebuild smartcard');
      expect(check.th).toContain('Visual Studio Build Tools');
    } finally {
      await service.stop();
      await node.dispose();
    }
  });
});
