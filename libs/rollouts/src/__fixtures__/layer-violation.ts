// Deliberately breaks the layer rules; tools/workspace/src/layer-rules.test.ts lints it and expects errors.
import { Queue } from 'bullmq';
import * as kube from '@driftless/kube';

export const violations = [Queue, kube];
