// Module resolution for compiled TypeScript snippets, the way a bundler resolves them:
// `next/server` is the runtime stub beside this file, and a relative import without an
// extension (`./with-auth`) is the compiled `.js` file. Registered by ts-register.mjs.
const STUBS = { "next/server": new URL("./next-server.mjs", import.meta.url).href };

export async function resolve(specifier, context, nextResolve) {
  if (specifier in STUBS) {
    return { url: STUBS[specifier], shortCircuit: true };
  }
  if (/^\.{1,2}\//.test(specifier) && !/\.[cm]?js$/.test(specifier)) {
    return nextResolve(`${specifier}.js`, context);
  }
  return nextResolve(specifier, context);
}
