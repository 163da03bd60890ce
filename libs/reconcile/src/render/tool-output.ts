// Interprets a finished helm or kustomize run: failures become typed errors carrying the tool's message.
import { InvalidInputError, UnavailableError } from '@driftless/api';
import type { RenderToolName, ToolRunResult } from './tool-runner.js';

/**
 * Returns stdout of a successful run. A timeout is an UnavailableError; an output overflow or a nonzero
 * exit an InvalidInputError whose message is the tool's own stderr, with the private working directory
 * `workDir` removed from it so messages name repository paths and stay stable.
 */
export function toolOutput(tool: RenderToolName, result: ToolRunResult, workDir: string, timeoutMs: number): string {
  if (result.timedOut === true) throw new UnavailableError(`${tool} did not finish within ${timeoutMs} ms`, { context: { tool } });
  if (result.outputLimitExceeded === true) throw new InvalidInputError(`${tool} wrote more output than allowed`, { context: { tool } });
  if (result.exitCode !== 0) {
    const stderr = result.stderr.split(`${workDir}/repo/`).join('').split(workDir).join('').trim();
    const message = `${tool} failed (exit code ${result.exitCode}): ${stderr === '' ? 'no message' : stderr}`;
    throw new InvalidInputError(message, { problems: [{ path: 'source', message }], context: { tool } });
  }
  return result.stdout;
}
