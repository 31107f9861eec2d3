/** The app's keystore: Electron safeStorage (Keychain, DPAPI, libsecret/KWallet), never Linux's basic_text. */
import { safeStorage } from 'electron';
import { EncryptedFileKeystore, type CredentialKeystore } from './keystore.node.js';
import type { KeySealer } from '../identity/hospitalKey.node.js';

export function safeStorageKeystore(dataDir: string): CredentialKeystore {
  return new EncryptedFileKeystore(dataDir, {
    // Only Linux chooses among backends; elsewhere the OS store is always real.
    backend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'),
    available: () => safeStorage.isAsyncEncryptionAvailable(),
    encrypt: (text) => safeStorage.encryptStringAsync(text),
    decrypt: async (data) => (await safeStorage.decryptStringAsync(data)).result,
  });
}

/** The hospital key's sealer: safeStorage's synchronous API (the key is read before the station starts). */
export function safeStorageKeySealer(): KeySealer {
  return {
    available: () =>
      safeStorage.isEncryptionAvailable() &&
      (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
    seal: (text) => safeStorage.encryptString(text),
    open: (data) => safeStorage.decryptString(data),
  };
}
