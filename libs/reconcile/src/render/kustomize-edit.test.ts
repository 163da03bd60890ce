// Argo's kustomize options applied to kustomization data, as `kustomize edit` would.
import { describe, expect, it } from '@jest/globals';
import { applyKustomizeOptions, hasKustomizeEdits, parseImageOverride } from './kustomize-edit.js';

const context = { appName: 'shop', namespace: 'store', componentExists: (c: string) => c === 'components/present' };

describe('parseImageOverride', () => {
  it.each([
    ['nginx:1.27', { name: 'nginx', newTag: '1.27' }],
    ['nginx', { name: 'nginx' }],
    ['nginx=ghcr.io/acme/nginx:1.27', { name: 'nginx', newName: 'ghcr.io/acme/nginx', newTag: '1.27' }],
    ['nginx=ghcr.io/acme/nginx@sha256:ab12', { name: 'nginx', newName: 'ghcr.io/acme/nginx', digest: 'sha256:ab12' }],
    ['localhost:5000/app:2', { name: 'localhost:5000/app', newTag: '2' }],
    ['localhost:5000/app', { name: 'localhost:5000/app' }],
  ])('%s', (override, expected) => {
    expect(parseImageOverride(override)).toEqual(expected);
  });
});

describe('applyKustomizeOptions', () => {
  it('replaces prefix, suffix and namespace and upserts images and replicas', () => {
    const existing = { namePrefix: 'old-', images: [{ name: 'nginx', newTag: '1.0' }, { name: 'redis', digest: 'sha256:00' }], replicas: [{ name: 'web', count: 1 }] };
    const result = applyKustomizeOptions(existing, { namePrefix: 'new-', nameSuffix: '-x', namespace: 'ns', images: ['nginx:2.0', 'redis:7', 'busybox=alpine:3'], replicas: [{ name: 'web', count: '3' }, { name: 'db', count: 2 }] }, context);
    expect(result).toEqual({
      namePrefix: 'new-',
      nameSuffix: '-x',
      namespace: 'ns',
      images: [{ name: 'nginx', newTag: '2.0' }, { name: 'redis', newTag: '7' }, { name: 'busybox', newName: 'alpine', newTag: '3' }],
      replicas: [{ name: 'web', count: 3 }, { name: 'db', count: 2 }],
    });
    expect(existing.namePrefix).toBe('old-');
  });

  it('adds labels and annotations, refusing existing keys unless forced', () => {
    expect(() => applyKustomizeOptions({ commonLabels: { a: '1' } }, { commonLabels: { a: '2' } }, context)).toThrow('commonLabels: a already in kustomization file');
    expect(applyKustomizeOptions({ commonLabels: { a: '1' } }, { commonLabels: { a: '2', b: '3' }, forceCommonLabels: true }, context)).toEqual({ commonLabels: { a: '2', b: '3' } });
    expect(applyKustomizeOptions({}, { commonAnnotations: { x: '${ARGOCD_APP_NAME}/$ARGOCD_APP_NAMESPACE/$UNKNOWN.' }, commonAnnotationsEnvsubst: true }, context)).toEqual({ commonAnnotations: { x: 'shop/store/.' } });
    expect(applyKustomizeOptions({}, { commonAnnotations: { x: '$ARGOCD_APP_NAME' } }, context)).toEqual({ commonAnnotations: { x: '$ARGOCD_APP_NAME' } });
  });

  it('adds labels without selectors as a labels entry', () => {
    expect(applyKustomizeOptions({}, { commonLabels: { env: 'prod' }, labelWithoutSelector: true, labelIncludeTemplates: true }, context)).toEqual({ labels: [{ pairs: { env: 'prod' }, includeTemplates: true }] });
  });

  it('appends components (skipping missing ones when asked) and patches', () => {
    const patch = { patch: 'x', target: { kind: 'Deployment' } };
    expect(applyKustomizeOptions({ components: ['components/present'] }, { components: ['components/present', 'components/missing'], ignoreMissingComponents: true, patches: [patch] }, context)).toEqual({
      components: ['components/present'],
      patches: [patch],
    });
  });

  it('rejects a replica count that is not an integer', () => {
    expect(() => applyKustomizeOptions({}, { replicas: [{ name: 'web', count: '50%' }] }, context)).toThrow('replicas[0].count must be an integer');
  });

  it('knows when there is nothing to edit', () => {
    expect(hasKustomizeEdits({})).toBe(false);
    expect(hasKustomizeEdits({ images: [], commonLabels: {}, namePrefix: '' })).toBe(false);
    expect(hasKustomizeEdits({ nameSuffix: '-a' })).toBe(true);
  });
});
