// SSA list and map semantics of built-in kinds: the strategic-merge-patch table of @driftless/patch (one
// table of patchMergeKey/patchStrategy tags) read as list types, corrected where the +listType /
// +listMapKey / +structType markers SSA follows differ from the patch tags.
//
// Upstream rule (server-side-apply.md): without +listType, patchStrategy=merge + patchMergeKey=k means
// listType=map with key k, patchStrategy=merge alone means a set, no tag means atomic. Markers that
// say otherwise, e.g. container ports keyed by containerPort AND protocol, are in OVERRIDES below.
import { lookupField, patchMetaForKind } from '@driftless/patch';
import type { FieldPatchMeta, GroupVersionKind, TypePatchMeta } from '@driftless/patch';
import { objectMetaSemantics } from './object-meta-schema.js';
import type { FieldSemantics, SchemaLookup } from './schema.js';

/** A marker-derived correction: applies to paths ending in `suffix` (or equal to it when anchored). */
interface Override {
  readonly suffix: readonly string[];
  /** `group/version/Kind` (core kinds as `v1/Kind`); every kind when absent. */
  readonly kinds?: readonly string[];
  readonly anchored?: boolean;
  readonly semantics: FieldSemantics;
}

const PROTOCOL_TCP = { protocol: 'TCP' } as const;
const CONTAINER_PORTS: FieldSemantics = { mapKeys: ['containerPort', 'protocol'], keyDefaults: PROTOCOL_TCP };

/** First match wins. Source: markers in k8s.io/api core/v1 and apimachinery meta/v1 types.go (v1.32). */
const OVERRIDES: readonly Override[] = [
  // ServiceSpec.Ports: +listMapKey=port +listMapKey=protocol (protocol defaults to TCP)
  { suffix: ['spec', 'ports'], kinds: ['v1/Service'], anchored: true, semantics: { mapKeys: ['port', 'protocol'], keyDefaults: PROTOCOL_TCP } },
  // Service and ReplicationController selectors are plain string maps, not LabelSelectors
  { suffix: ['spec', 'selector'], kinds: ['v1/Service', 'v1/ReplicationController'], anchored: true, semantics: 'map' },
  // Container.Ports: +listMapKey=containerPort +listMapKey=protocol
  { suffix: ['containers', 'ports'], semantics: CONTAINER_PORTS },
  { suffix: ['initContainers', 'ports'], semantics: CONTAINER_PORTS },
  { suffix: ['ephemeralContainers', 'ports'], semantics: CONTAINER_PORTS },
  // PodSpec.TopologySpreadConstraints: +listMapKey=topologyKey +listMapKey=whenUnsatisfiable
  { suffix: ['topologySpreadConstraints'], semantics: { mapKeys: ['topologyKey', 'whenUnsatisfiable'] } },
  // ResourceRequirements.Claims: +listType=map +listMapKey=name (no patch tag)
  { suffix: ['resources', 'claims'], semantics: { mapKeys: ['name'] } },
  // EnvVarSource references: +structType=atomic
  { suffix: ['valueFrom', 'configMapKeyRef'], semantics: 'atomic' },
  { suffix: ['valueFrom', 'secretKeyRef'], semantics: 'atomic' },
  { suffix: ['valueFrom', 'fieldRef'], semantics: 'atomic' },
  { suffix: ['valueFrom', 'resourceFieldRef'], semantics: 'atomic' },
  // metav1.LabelSelector: +structType=atomic, wherever a workload, PDB, policy or webhook embeds one
  { suffix: ['selector'], semantics: 'atomic' },
  { suffix: ['labelSelector'], semantics: 'atomic' },
  { suffix: ['namespaceSelector'], semantics: 'atomic' },
  { suffix: ['podSelector'], semantics: 'atomic' },
  { suffix: ['objectSelector'], semantics: 'atomic' },
];

/**
 * The SchemaLookup of a built-in kind. Kinds missing from the patch table get ObjectMeta semantics
 * and the marker corrections only (every other list atomic, every object a struct).
 */
export function builtinSchema(kind: GroupVersionKind): SchemaLookup {
  const kindKey = kind.group === '' ? `${kind.version}/${kind.kind}` : `${kind.group}/${kind.version}/${kind.kind}`;
  const root = patchMetaForKind(kind);
  const overrides = OVERRIDES.filter((override) => override.kinds === undefined || override.kinds.includes(kindKey));
  return (path) => {
    if (path[0] === 'metadata') return objectMetaSemantics(path.slice(1));
    const override = overrides.find((candidate) => matches(candidate, path));
    if (override !== undefined) return override.semantics;
    return fromPatchMeta(root, path);
  };
}

function matches(override: Override, path: readonly string[]): boolean {
  const { suffix } = override;
  if (override.anchored === true && path.length !== suffix.length) return false;
  if (path.length < suffix.length) return false;
  const offset = path.length - suffix.length;
  return suffix.every((name, i) => path[offset + i] === name);
}

/** Reads the patch tags along `path`: merge + key → map list, merge alone → set, replace → atomic. */
function fromPatchMeta(root: TypePatchMeta | undefined, path: readonly string[]): FieldSemantics {
  let type = root;
  let meta: FieldPatchMeta | undefined;
  for (const name of path) {
    if (type === undefined) return undefined;
    meta = lookupField(type, name);
    type = meta.schema;
  }
  if (meta?.strategy === 'merge') return meta.mergeKey === undefined ? 'set' : { mapKeys: [meta.mergeKey] };
  if (meta?.strategy === 'replace') return 'atomic';
  return undefined;
}
