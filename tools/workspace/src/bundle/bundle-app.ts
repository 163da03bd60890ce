// Compiles an app's TypeScript entry and every @driftless/* module it reaches into one ESM file for plain
// `node`: what a release runs, without tsx transpiling (and holding) the sources in memory at run time.
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';

/** What to bundle, and where. */
export interface BundleOptions {
  /** The app's entry module, e.g. `apps/worker/src/main.ts`. */
  readonly entry: string;
  /** The `.js` file to write; node_modules next to it (or above) must hold the packages left external. */
  readonly outfile: string;
}

/** The written bundle. */
export interface Bundle {
  readonly outfile: string;
  /** Packages left as imports, resolved from node_modules when the bundle runs. */
  readonly external: readonly string[];
}

/**
 * Packages that locate files of their own at run time (a `.wasm` beside their code), so they must be
 * imported from their installed folder. Everything else is compiled in: esbuild gives CommonJS packages
 * (yaml, ajv) the named exports that plain node's ESM loader cannot see.
 */
const LOAD_FROM_NODE_MODULES = ['jq-wasm', 'wasmoon'];

function installedPackages(external: Set<string>): Plugin {
  return {
    name: 'installed-packages',
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = packageName(args.path);
        if (!LOAD_FROM_NODE_MODULES.includes(name)) return undefined;
        external.add(name);
        return { path: args.path, external: true };
      });
    },
  };
}

// Bundled CommonJS code calls `require` (node built-ins, optional dependencies): give it node's.
const REQUIRE_BANNER = "import { createRequire as __driftlessCreateRequire } from 'node:module'; const require = __driftlessCreateRequire(import.meta.url);";

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Bundles `entry` into `outfile` with a source map; rejects with esbuild's messages when it cannot. */
export async function bundleApp(options: BundleOptions): Promise<Bundle> {
  const external = new Set<string>();
  await build({
    entryPoints: [options.entry],
    outfile: options.outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    banner: { js: REQUIRE_BANNER },
    plugins: [installedPackages(external)],
  });
  return { outfile: options.outfile, external: [...external].sort() };
}
