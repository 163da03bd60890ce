// The `helm template` command line built from resolved inputs.
import { describe, expect, it } from '@jest/globals';
import { escapeSetValue, helmTemplateArgs } from './helm-args.js';

describe('escapeSetValue', () => {
  it.each([
    ['a,b', 'a\\,b'],
    ['a\\,b', 'a\\,b'],
    ['{a,b}', '{a,b}'],
    ['plain', 'plain'],
  ])('%s becomes %s', (value, expected) => {
    expect(escapeSetValue(value)).toBe(expected);
  });
});

describe('helmTemplateArgs', () => {
  it('orders arguments as Argo does and includes CRDs unless skipped', () => {
    const args = helmTemplateArgs({
      releaseName: 'shop',
      namespace: 'store',
      kubeVersion: '1.31.0',
      apiVersions: ['example.com/v1/Widget'],
      valueFiles: ['/w/values.yaml'],
      set: new Map([['a', 'x,y']]),
      setString: new Map([['b', 'true']]),
      setFile: new Map([['c', '/w/file.txt']]),
      skipCrds: false,
      skipTests: true,
      skipSchemaValidation: true,
    });
    expect(args).toEqual([
      'template', '.', '--name-template', 'shop', '--namespace', 'store', '--kube-version', '1.31.0',
      '--set', 'a=x\\,y', '--set-string', 'b=true', '--set-file', 'c=/w/file.txt', '--values', '/w/values.yaml',
      '--api-versions', 'example.com/v1/Widget', '--include-crds', '--skip-schema-validation', '--skip-tests',
    ]);
  });

  it('leaves out what is not set', () => {
    const args = helmTemplateArgs({ releaseName: 'r', namespace: '', apiVersions: [], valueFiles: [], set: new Map(), setString: new Map(), setFile: new Map(), skipCrds: true, skipTests: false, skipSchemaValidation: false });
    expect(args).toEqual(['template', '.', '--name-template', 'r']);
  });
});
