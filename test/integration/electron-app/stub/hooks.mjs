// Module resolution hook: 'electron' is our stub, everything else resolves as usual.
const stub = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: stub, shortCircuit: true };
  return nextResolve(specifier, context);
}
