// The WHATWG text codecs and URL exist in every runtime we target (Node, Chromium, Electron), so pure code may
// use them (no I/O): TIS-620 decoding goes through TextDecoder('windows-874'). Nothing else global is declared.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare class TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array;
}
/** WHATWG URL parsing (pure: no I/O), used to compare origins safely. */
declare class URL {
  constructor(url: string, base?: string);
  readonly origin: string;
  readonly protocol: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly href: string;
  /** Writable, so pure code can strip credentials typed into an address. */
  username: string;
  password: string;
}
