/** The app's keystore: Electron safeStorage (Keychain, DPAPI, libsecret/KWallet), never Linux's basic_text. */
import { safeStorage } from 'electron';
import { EncryptedFileKeystore, type CredentialKeystore } from './keystore.node.js';

export function safeStorageKeystore(dataDir: string): CredentialKeystore {
  return new EncryptedFileKeystore(dataDir, {
    // Only Linux chooses among backends; elsewhere the OS store is always real.
    backend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'),
    available: () => safeStorage.isAsyncEncryptionAvailable(),
    encrypt: (text) => safeStorage.encryptStringAsync(text),
    decrypt: async (data) => (await safeStorage.decryptStringAsync(data)).result,
  });
}
