// Where an Application's manifests come from: a Git path or Helm chart plus the options for the tool that
// renders it. Shapes follow Argo CD's ApplicationSource and its Helm/Kustomize/Directory/Plugin parts.

import type { IntOrString } from './kube-object.js';

/** The rendering tool a source resolves to (`status.sourceType`). */
export type SourceType = 'Helm' | 'Kustomize' | 'Directory' | 'Plugin';

/** One `--set` value; `forceString` makes Helm keep `"true"` and numbers as strings. */
export interface HelmParameter {
  name?: string;
  value?: string;
  forceString?: boolean;
}

/** One `--set-file` value: the parameter's value is the content of `path`. */
export interface HelmFileParameter {
  name?: string;
  path?: string;
}

/** Options for sources rendered with `helm template`. */
export interface ApplicationSourceHelm {
  /** Release name; defaults to the application name. */
  releaseName?: string;
  /** Values files relative to the source path, or `$ref/...` into another source. */
  valueFiles?: string[];
  /** Values as a YAML string; `valuesObject` wins when both are set. */
  values?: string;
  /** Values as an object. */
  valuesObject?: Record<string, unknown>;
  parameters?: HelmParameter[];
  fileParameters?: HelmFileParameter[];
  skipCrds?: boolean;
  skipTests?: boolean;
  skipSchemaValidation?: boolean;
  ignoreMissingValueFiles?: boolean;
  passCredentials?: boolean;
  /** Kubernetes version passed as `--kube-version`; defaults to the destination cluster's. */
  kubeVersion?: string;
  /** API versions passed as `--api-versions`, `[group/]version/kind`. */
  apiVersions?: string[];
  /** Namespace to template with; defaults to the destination namespace. */
  namespace?: string;
  /** Helm major version (`v2`/`v3`), ignored by Driftless, kept for compatibility. */
  version?: string;
}

/** A replica count override for a named Deployment or StatefulSet. */
export interface KustomizeReplica {
  name: string;
  count: IntOrString;
}

/** Which resources a Kustomize patch applies to. */
export interface KustomizeSelector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** A Kustomize patch, inline (`patch`) or from a file (`path`). */
export interface KustomizePatch {
  path?: string;
  patch?: string;
  target?: KustomizeSelector;
  options?: Record<string, boolean>;
}

/** Options for sources rendered with `kustomize build`. */
export interface ApplicationSourceKustomize {
  namePrefix?: string;
  nameSuffix?: string;
  /** Image overrides in `[old=]new[:tag|@digest]` form. */
  images?: string[];
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  commonAnnotationsEnvsubst?: boolean;
  forceCommonLabels?: boolean;
  forceCommonAnnotations?: boolean;
  labelWithoutSelector?: boolean;
  labelIncludeTemplates?: boolean;
  namespace?: string;
  replicas?: KustomizeReplica[];
  patches?: KustomizePatch[];
  components?: string[];
  ignoreMissingComponents?: boolean;
  kubeVersion?: string;
  apiVersions?: string[];
  version?: string;
}

/** A Jsonnet external variable or top-level argument; `code` means the value is Jsonnet, not a string. */
export interface JsonnetVar {
  name: string;
  value: string;
  code?: boolean;
}

/** Options for Jsonnet files in a directory source. */
export interface ApplicationSourceJsonnet {
  extVars?: JsonnetVar[];
  tlas?: JsonnetVar[];
  libs?: string[];
}

/** Options for plain directories of YAML, JSON or Jsonnet. */
export interface ApplicationSourceDirectory {
  recurse?: boolean;
  /** Glob of files to use; `{a,b}` for several. */
  include?: string;
  /** Glob of files to skip; wins over `include`. */
  exclude?: string;
  jsonnet?: ApplicationSourceJsonnet;
}

/** An environment variable handed to a config management plugin. */
export interface EnvEntry {
  name: string;
  value: string;
}

/** A typed plugin parameter: exactly one of `string`, `array` or `map` carries the value. */
export interface ApplicationSourcePluginParameter {
  name?: string;
  string?: string;
  array?: string[];
  map?: Record<string, string>;
}

/** Options for config management plugins. */
export interface ApplicationSourcePlugin {
  name?: string;
  env?: EnvEntry[];
  parameters?: ApplicationSourcePluginParameter[];
}

/** One source of manifests. Exactly one of `path` (Git) or `chart` (Helm repository) names what to render. */
export interface ApplicationSource {
  /** Git or Helm repository URL. */
  repoURL: string;
  /** Directory inside a Git repository. */
  path?: string;
  /** Branch, tag, commit or (Helm) chart version; Git defaults to HEAD. */
  targetRevision?: string;
  /** Chart name in a Helm repository. */
  chart?: string;
  /** Name other sources use to refer to this one's files (`$ref/values.yaml`), multi-source only. */
  ref?: string;
  /** Display name of the source in multi-source applications. */
  name?: string;
  helm?: ApplicationSourceHelm;
  kustomize?: ApplicationSourceKustomize;
  directory?: ApplicationSourceDirectory;
  plugin?: ApplicationSourcePlugin;
}
