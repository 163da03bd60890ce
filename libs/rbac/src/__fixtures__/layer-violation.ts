// Deliberately breaks the layer rules; tools/workspace/src/layer-rules.test.ts lints it and expects errors.
import { Redis } from 'ioredis';

export const violations = [Redis];
