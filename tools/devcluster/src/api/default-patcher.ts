// The patcher the server uses: the patch library (src/patch) behind the pipeline's Patcher interface.
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, supportsStrategicMergePatch } from '../patch/index.js';
import type { Patcher } from './patcher.js';

/** JSON patch, merge patch and strategic merge patch (built-in kinds the library knows; others 415). */
export const defaultPatcher: Patcher = {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  supportsStrategicMergePatch,
};
