// Resolves `electron` to the stand-in module for the bundle smoke test.
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: new URL('./electron-standin.mjs', import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}
