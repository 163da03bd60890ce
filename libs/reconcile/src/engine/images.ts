// Container images of workloads: Argo CD's `status.summary.images`.
import type { KubeObject } from '@driftless/api';

type Json = Record<string, unknown>;

function record(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

// Where pod specs sit: Pod itself, workloads' templates, CronJob's job template.
const POD_SPEC_PATHS: readonly (readonly string[])[] = [
  ['spec'],
  ['spec', 'template', 'spec'],
  ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
];

/** The images of one object's containers, init containers and ephemeral containers, in spec order. */
export function imagesOf(obj: KubeObject): string[] {
  const images: string[] = [];
  for (const path of POD_SPEC_PATHS) {
    let node: Json | undefined = obj as unknown as Json;
    for (const segment of path) node = record(node?.[segment]);
    for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
      const containers = node?.[list];
      if (!Array.isArray(containers)) continue;
      for (const container of containers) {
        const image = record(container)?.['image'];
        if (typeof image === 'string' && image !== '') images.push(image);
      }
    }
  }
  return images;
}

/** Every distinct image of `objects`, sorted. Example: a Deployment on `web:1` and a Job on `migrate:1` → both. */
export function collectImages(objects: readonly KubeObject[]): string[] {
  return [...new Set(objects.flatMap(imagesOf))].sort();
}
