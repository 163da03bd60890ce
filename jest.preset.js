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
  // A leaked handle must fail loudly on a developer's machine but never hang CI until its time limit
  // (jest still prints the open-handle warning when it forces the exit).
  forceExit: process.env.CI === 'true',
};
