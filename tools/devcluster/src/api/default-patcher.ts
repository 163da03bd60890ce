// The patcher the server uses: the patch library (@driftless/patch) behind the pipeline's Patcher interface.
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, supportsStrategicMergePatch } from '@driftless/patch';
import type { Patcher } from './patcher.js';

/** JSON patch, merge patch and strategic merge patch (built-in kinds the library knows; others 415). */
export const defaultPatcher: Patcher = {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  supportsStrategicMergePatch,
};
