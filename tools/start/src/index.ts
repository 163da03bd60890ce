// Public API of @driftless/start: the `npm start` sequence, for the e2e suite.
export * from './platform.js';
export { demoApplication, ensureDemoRepository } from './demo.js';
