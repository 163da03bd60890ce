// An adapter may use client-node; tools/workspace/src/layer-rules.test.ts lints it and expects no errors.
import * as k8s from '@kubernetes/client-node';

export const allowed = [k8s];
