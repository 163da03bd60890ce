// Deliberately breaks the layer rules; tools/workspace/src/layer-rules.test.ts lints it and expects errors.
import * as k8s from '@kubernetes/client-node';
import { execFile } from 'node:child_process';

export const violations = [k8s, execFile];
