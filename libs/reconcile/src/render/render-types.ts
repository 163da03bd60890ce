// The inputs and outputs of the render stage and the safety limits that bound it.
import type { ApplicationSource, UnstructuredObject } from '@driftless/api';
import type { ToolRunner } from './tool-runner.js';

/** The tool a source renders with (Argo's `status.sourceType`, plugins excluded). */
export type RenderSourceType = 'Directory' | 'Kustomize' | 'Helm';

/** Bounds on what one render may read, parse and run. Every field is optional. */
export interface RenderLimits {
  /**
   * Largest manifest file (and largest tool output) accepted, in bytes, checked before parsing.
   * @defaultValue 10485760 (10 MiB)
   */
  maxFileBytes?: number;
  /**
   * Largest combined size of the manifest files of a plain directory, in bytes, checked before any is
   * parsed (Argo's `reposerver.max.combined.directory.manifests.size`).
   * @defaultValue 10485760 (10 MiB)
   */
  maxDirectoryBytes?: number;
  /**
   * Most alias dereferences per YAML document (yaml's `maxAliasCount`); stops "billion laughs" documents.
   * @defaultValue 100
   */
  maxAliasCount?: number;
  /**
   * Deadline of each helm or kustomize run, passed to the ToolRunner.
   * @defaultValue 90000
   */
  timeoutMs?: number;
}

/** Everything `renderSource` needs. */
export interface RenderOptions {
  /** Absolute path of the checked-out repository; nothing outside it is ever read. */
  repoRoot: string;
  source: ApplicationSource;
  /** Application name: Helm's default release name. */
  appName: string;
  /** Destination namespace: Helm's `--namespace` unless `source.helm.namespace` is set. */
  namespace: string;
  /** Destination cluster version (`1.33.1` or `v1.33.1`), Helm's `--kube-version` unless the source sets one. */
  kubeVersion?: string;
  /** Destination API versions, Helm's `--api-versions` unless the source sets them. */
  apiVersions?: readonly string[];
  tools: ToolRunner;
  /**
   * Checked-out roots of the `ref` sources of a multi-source app, by ref name: Helm value files
   * `$<ref>/<path>` are read from there, confined to that root. @defaultValue none
   */
  refSources?: Readonly<Record<string, string>>;
  limits?: RenderLimits;
  /**
   * Directory the private working copies are created under.
   * @defaultValue `os.tmpdir()`
   */
  tempRoot?: string;
}

/** A rendered source: the tool used and the objects in a stable order. */
export interface RenderResult {
  sourceType: RenderSourceType;
  objects: UnstructuredObject[];
}

/** Limits with every default filled in. */
export type ResolvedLimits = Required<RenderLimits>;

/** The default limits. */
export const DEFAULT_RENDER_LIMITS: ResolvedLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxDirectoryBytes: 10 * 1024 * 1024,
  maxAliasCount: 100,
  timeoutMs: 90_000,
};

/** Fills in the defaults of `limits`. */
export function resolveLimits(limits: RenderLimits = {}): ResolvedLimits {
  return {
    maxFileBytes: limits.maxFileBytes ?? DEFAULT_RENDER_LIMITS.maxFileBytes,
    maxDirectoryBytes: limits.maxDirectoryBytes ?? DEFAULT_RENDER_LIMITS.maxDirectoryBytes,
    maxAliasCount: limits.maxAliasCount ?? DEFAULT_RENDER_LIMITS.maxAliasCount,
    timeoutMs: limits.timeoutMs ?? DEFAULT_RENDER_LIMITS.timeoutMs,
  };
}
