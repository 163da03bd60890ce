// The logging interface the dev cluster writes to (pino-compatible), and a silent default.

/** A pino-style logger: structured fields first, message second. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const noop = (): void => undefined;

/** Discards everything (the library default; the CLI logs through pino). */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };
