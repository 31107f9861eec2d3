// Seeded randomness for fault tests that must repeat: the seed comes from EDGE_TEST_SEED (or a default) and
// every test prints the one it used. Plain Node, no store imports (child-process and device tests use it too).

/** mulberry32: a small seeded generator, so a failing run repeats with the seed it printed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function testSeed(): number {
  const fromEnv = Number(process.env['EDGE_TEST_SEED']);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 20_261_123;
}
