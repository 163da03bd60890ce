// Fixture for layer-rules.test.ts: half of a deliberate import cycle.
import { a } from './a.js';
export const b = (): number => (typeof a === 'function' ? 1 : 0);
