// The shared vocabulary of the toolchain: which binaries Driftless runs and how a resolved one is described.
// Other libraries code against these shapes, so they change only by adding optional fields.

/** The external binaries Driftless runs. */
export type ToolName = 'kubectl' | 'helm' | 'kustomize';

/** Every tool name, in the order `describeTools` reports them. */
export const TOOL_NAMES: readonly ToolName[] = ['kubectl', 'kustomize', 'helm'];

/** Where a resolved tool came from: an explicit `DRIFTLESS_<TOOL>` path, the PATH, or the npm-packaged layer. */
export type ToolSource = 'env' | 'path' | 'packaged';

/**
 * A binary ready to run: spawn `command` with `[...args, ...yourArgs]`.
 * `command` is always absolute; `args` is `[]` except for kustomize served by `kubectl kustomize`.
 */
export interface ResolvedTool {
  name: ToolName;
  /** Absolute path of the executable (as found, symlinks not followed: some tools dispatch on their path). */
  command: string;
  /** Prefix arguments: `[]` normally; `['kustomize']` when kustomize is served by `kubectl kustomize`. */
  args: readonly string[];
  /** What the binary reports, e.g. `v1.33.9`, `v4.1.4`, `v5.6.0`. */
  version: string;
  source: ToolSource;
}

/** How `resolveTool` looks for a binary. Every field is optional; the defaults describe this process. */
export interface ResolveOptions {
  /**
   * Try the packaged binaries before PATH (an env override still wins).
   * @defaultValue true when `DRIFTLESS_TOOLS=packaged` in `env`, else false
   */
  preferPackaged?: boolean;
  /**
   * Directory the packaged binaries are extracted under (a subfolder per package version is created in it).
   * @defaultValue `$DRIFTLESS_CACHE_DIR/tools`, else `~/.cache/driftless/tools`
   */
  cacheDir?: string;
  /**
   * Environment read for PATH and the `DRIFTLESS_*` variables, and given to the version probes.
   * @defaultValue process.env
   */
  env?: NodeJS.ProcessEnv;
  /** @defaultValue process.platform */
  platform?: NodeJS.Platform;
  /** Node's arch names (`x64`, `arm64`). @defaultValue process.arch */
  arch?: string;
}

/** Options of one `runTool` call. */
export interface RunToolOptions {
  /** Working directory of the child. @defaultValue process.cwd() */
  cwd?: string;
  /** Written to the child's stdin, which is then closed. Without it stdin is closed at once (never left open). */
  input?: string;
  /** After this long the child gets SIGTERM, then SIGKILL after `killGraceMs`. @defaultValue 90000 */
  timeoutMs?: number;
  /** The child's whole environment (Node semantics: it replaces, not extends). @defaultValue process.env */
  env?: NodeJS.ProcessEnv;
  /** Most bytes accepted on stdout and on stderr each; beyond it the child is killed. @defaultValue 67108864 (64 MiB) */
  maxOutputBytes?: number;
  /** Time between SIGTERM and SIGKILL once a child must stop. @defaultValue 5000 */
  killGraceMs?: number;
}

/** What a finished child produced. A nonzero `exitCode` is a result, not an error. */
export interface RunToolResult {
  stdout: string;
  stderr: string;
  /** The exit code; a child ended by a signal reports 128 + the signal number, as shells do. */
  exitCode: number;
}
