// Fixture for layer-rules.test.ts: the other half of a deliberate import cycle.
import { b } from './b.js';
export const a = (): number => b();
