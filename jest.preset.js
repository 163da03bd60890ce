// Shared jest settings: native ESM (client-node 1.x is ESM-only), ts-jest transpiling without type
// checks (the `typecheck` target does those), workspace packages resolved from their sources.
/** @type {import('jest').Config} */
export const preset = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: { isolatedModules: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'ES2022', experimentalDecorators: true, emitDecoratorMetadata: true, verbatimModuleSyntax: false } }],
  },
  testMatch: ['<rootDir>/src/**/*.test.ts'],
  testTimeout: 30000,
};
