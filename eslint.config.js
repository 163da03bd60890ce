// Lint rules for every project. The layer rules live here: nx tags decide which project may import
// which, and the pure domain code may not reach I/O libraries (ARCHITECTURE.md, "Pure core").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** I/O libraries the pure domain libraries must never import. */
export const DOMAIN_BANNED_IMPORTS = [
  'bullmq',
  'ioredis',
  '@kubernetes/client-node',
  'child_process',
  'node:child_process',
];

/**
 * The layer rules: which project tags may depend on which. Test files may also use the test tools
 * (dev cluster, git server, shared helpers) and adapters (real binaries, real clients), since
 * integration tests run against real servers and tools; production code of a domain lib may not.
 */
function moduleBoundaries({ testFile }) {
  const tools = testFile ? ['type:tool', 'type:adapter'] : [];
  return {
    allow: [],
    banTransitiveDependencies: false,
    depConstraints: [
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:util', ...tools] },
      { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:util', ...tools] },
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util', ...tools], bannedExternalImports: DOMAIN_BANNED_IMPORTS },
      { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', ...tools], bannedExternalImports: DOMAIN_BANNED_IMPORTS },
      { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:util', 'type:tool', 'type:app'] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
    ],
  };
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/__fixtures__/**', '.driftless/**', '.nx/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js'],
    plugins: { '@nx': nx, 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'import-x/no-default-export': 'error',
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ testFile: false })],
    },
  },
  {
    files: ['**/*.test.ts', '**/test-support/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ testFile: true })] },
  },
  {
    // Node built-ins are not in the project graph, so the nx rule cannot ban them: say it here.
    files: ['libs/api/src/**', 'libs/rollouts/src/**', 'libs/rbac/src/**', 'libs/reconcile/src/**'],
    ignores: ['libs/reconcile/src/**/adapters/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: DOMAIN_BANNED_IMPORTS.map((name) => ({
            name,
            message: 'Domain code is pure: put I/O behind an interface and its adapter in libs/kube, an adapters/ folder or an app.',
          })),
        },
      ],
    },
  },
  {
    // libs/patch is pure computation over JSON: no Node built-ins, no I/O libraries (its tests and
    // test-support may run kubectl and read fixtures).
    files: ['libs/patch/src/**'],
    ignores: ['**/*.test.ts', '**/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: DOMAIN_BANNED_IMPORTS.map((name) => ({ name, message: 'libs/patch is pure: no I/O.' })),
          patterns: [{ group: ['node:*'], message: 'libs/patch is pure: no Node built-ins.' }],
        },
      ],
    },
  },
  {
    files: ['eslint.config.js', 'jest.preset.js', '**/jest.config.js'],
    rules: { 'import-x/no-default-export': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
