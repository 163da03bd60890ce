// Runs argocd-cm custom health checks (Lua scripts returning `hs`) in a real Lua 5.4 VM (wasmoon).
import { LuaFactory } from 'wasmoon';
import { isRecord } from './fields.js';
import { isHealthStatusCode } from './types.js';
import type { HealthStatus, PlainObject } from './types.js';

/** Options of `createLuaHealthRunner`. */
export interface LuaHealthRunnerOptions {
  /**
   * Wall-clock budget of one script in milliseconds. wasmoon enforces it with a Lua count hook
   * (`lua_sethook`, checked every few thousand VM instructions), so a busy loop is interrupted inside
   * the VM; no watchdog is needed. A script blocked in a C call (none are reachable from health
   * scripts) would only be stopped at its next instruction.
   * @defaultValue 1000
   */
  timeoutMs?: number;
}

/** Runs custom health scripts; create one per process and `close()` it on shutdown. */
export interface LuaHealthRunner {
  /**
   * Runs `script` with the object as global `obj` in a fresh Lua state and returns the `hs` table it
   * returns. Resolves, never rejects: a script error, a timeout, a closed runner or a result that is
   * not `{ status = <valid code>, message = <string?> }` all yield `Unknown` with the reason.
   */
  check(script: string, obj: PlainObject): Promise<HealthStatus>;
  /** Releases the VM; later `check` calls resolve to Unknown. */
  close(): void;
}

/** Argo CD's wording for an `hs.status` that is not a health code. */
export const INVALID_LUA_STATUS_MESSAGE = 'Lua returned an invalid health status';

/** Argo CD runs gopher-lua (Lua 5.1); its scripts may call `table.getn`, gone in Lua 5.4. */
const LUA_51_COMPAT = 'table.getn = table.getn or function(t) return #t end';

/**
 * A Lua health runner. The WebAssembly module loads lazily on the first `check`; every check gets its
 * own Lua state, so scripts cannot leak globals into each other.
 */
export function createLuaHealthRunner(options: LuaHealthRunnerOptions = {}): LuaHealthRunner {
  const timeoutMs = options.timeoutMs ?? 1000;
  const factory = new LuaFactory();
  let closed = false;
  return {
    async check(script, obj) {
      if (closed) return { status: 'Unknown', message: 'Lua health runner is closed' };
      const engine = await factory.createEngine({ enableProxy: false, injectObjects: false });
      try {
        engine.global.set('obj', toLuaValue(obj));
        await engine.doString(LUA_51_COMPAT);
        const thread = engine.global.newThread();
        thread.loadString(script);
        const [result] = await thread.run(0, { timeout: timeoutMs });
        return toHealthStatus(result);
      } catch (error) {
        return { status: 'Unknown', message: errorMessage(error, timeoutMs) };
      } finally {
        engine.global.close();
      }
    },
    close() {
      closed = true;
    },
  };
}

/** The value with nulls dropped: wasmoon cannot push null, and Lua has no null (a missing field is nil). */
function toLuaValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(toLuaValue);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v !== null && v !== undefined) out[key] = toLuaValue(v);
  }
  return out;
}

/** The `hs` table as a HealthStatus, or Unknown when it is not one. */
function toHealthStatus(result: unknown): HealthStatus {
  if (!isRecord(result) || !isHealthStatusCode(result['status'])) {
    return { status: 'Unknown', message: INVALID_LUA_STATUS_MESSAGE };
  }
  const message = result['message'];
  return typeof message === 'string' && message !== '' ? { status: result['status'], message } : { status: result['status'] };
}

/** The first line of a Lua error (without the stack traceback), or a timeout message. */
function errorMessage(error: unknown, timeoutMs: number): string {
  const text = error instanceof Error ? error.message : String(error);
  if (text.includes('timeout exceeded')) return `Lua health check exceeded its time limit of ${timeoutMs}ms`;
  return text.split('\n')[0] ?? text;
}
