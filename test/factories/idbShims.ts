// Import FIRST in any test that opens a PouchDB idb database under Node (see the pouchdb fixture findings):
// fake IndexedDB before PouchDB loads, `navigator` (checkBlobSupport reads it inside an IDB callback, and the
// ReferenceError would abort the transaction), `self` (the pouchdb-browser bundle reads it when it loads),
// and a small FileReader (the browser binary utils read attachment Blobs with it).
import 'fake-indexeddb/auto';

const g = globalThis as Record<string, unknown>;
if (typeof g['navigator'] === 'undefined') g['navigator'] = { userAgent: 'node', onLine: true };
if (typeof g['self'] === 'undefined') g['self'] = globalThis;

class NodeFileReader {
  result: string | ArrayBuffer | null = null;
  onloadend: ((event: { target: NodeFileReader }) => void) | null = null;
  onload: ((event: { target: NodeFileReader }) => void) | null = null;
  onerror: ((error: unknown) => void) | null = null;
  readAsArrayBuffer(blob: Blob): void {
    blob.arrayBuffer().then(
      (buffer) => this.#done(buffer),
      (error: unknown) => this.onerror?.(error),
    );
  }
  readAsBinaryString(blob: Blob): void {
    blob.arrayBuffer().then(
      (buffer) => this.#done(Buffer.from(buffer).toString('latin1')),
      (error: unknown) => this.onerror?.(error),
    );
  }
  #done(result: string | ArrayBuffer): void {
    this.result = result;
    this.onload?.({ target: this });
    this.onloadend?.({ target: this });
  }
}
if (typeof g['FileReader'] === 'undefined') g['FileReader'] = NodeFileReader;

/** A database name no other test uses (fake-indexeddb is per process). */
let counter = 0;
export function uniqueDbName(label: string): string {
  counter += 1;
  return `${label}-${process.pid}-${counter}-${Date.now()}`;
}
