// Public API of @driftless/api: the resource model, parsers, CRDs and validation Driftless reads and writes.
export * from './errors/driftless-error.js';
