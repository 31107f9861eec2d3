/**
 * `contentHash(doc)` for central's validate_doc_update, as ES5 source text (CouchDB's QuickJS has no crypto and
 * pouchdb-server evaluates the same text): UTF-8, SHA-256, canonical JSON and the sealed part exactly as
 * sync/model/contentId.std.ts computes them; the key lists come from there, so the two cannot drift apart
 * (a unit test compares both on generated records).
 */
import { CONTENT_HASH_LENGTH, OBSERVATION_UNSEALED_META, UNSEALED_KEYS } from '../model/contentId.std.js';

const K =
  '0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,' +
  '0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,' +
  '0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,' +
  '0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2';

export const contentHashSource = `
  function utf8(s) {
    var out = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        var cp = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
        out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
      } else {
        if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
        out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      }
    }
    return out;
  }
  function sha256Hex(s) {
    var K = [${K}];
    var H = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var bytes = utf8(s), n = bytes.length, W = [], t, off;
    bytes.push(0x80);
    while (bytes.length % 64 !== 56) bytes.push(0);
    var hi = Math.floor(n / 0x20000000), lo = (n * 8) >>> 0;
    bytes.push((hi >>> 24) & 255, (hi >>> 16) & 255, (hi >>> 8) & 255, hi & 255, (lo >>> 24) & 255, (lo >>> 16) & 255, (lo >>> 8) & 255, lo & 255);
    for (off = 0; off < bytes.length; off += 64) {
      for (t = 0; t < 16; t++) W[t] = (bytes[off + 4 * t] << 24) | (bytes[off + 4 * t + 1] << 16) | (bytes[off + 4 * t + 2] << 8) | bytes[off + 4 * t + 3];
      for (t = 16; t < 64; t++) {
        var x = W[t - 15], y = W[t - 2];
        var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
      }
      var a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
      for (t = 0; t < 64; t++) {
        var t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[t] + W[t]) | 0;
        var t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
      H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
    }
    var hex = '';
    for (t = 0; t < 8; t++) hex += ('00000000' + (H[t] >>> 0).toString(16)).slice(-8);
    return hex;
  }
  function canonical(v) {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    var parts = [], i;
    if (Object.prototype.toString.call(v) === '[object Array]') {
      for (i = 0; i < v.length; i++) parts.push(canonical(v[i]));
      return '[' + parts.join(',') + ']';
    }
    var keys = [];
    for (var k in v) if (Object.prototype.hasOwnProperty.call(v, k) && v[k] !== undefined) keys.push(k);
    keys.sort();
    for (i = 0; i < keys.length; i++) parts.push(JSON.stringify(keys[i]) + ':' + canonical(v[keys[i]]));
    return '{' + parts.join(',') + '}';
  }
  function without(record, drop) {
    var out = {};
    for (var k in record) if (Object.prototype.hasOwnProperty.call(record, k) && drop.indexOf(k) === -1) out[k] = record[k];
    return out;
  }
  function contentHash(doc) {
    var sealed = without(doc, ${JSON.stringify(UNSEALED_KEYS)});
    if (doc.resourceType === 'Observation') {
      delete sealed.status;
      if (doc.meta && typeof doc.meta === 'object' && Object.prototype.toString.call(doc.meta) !== '[object Array]') sealed.meta = without(doc.meta, ${JSON.stringify(OBSERVATION_UNSEALED_META)});
    }
    return sha256Hex(canonical(sealed)).slice(0, ${CONTENT_HASH_LENGTH});
  }`;
