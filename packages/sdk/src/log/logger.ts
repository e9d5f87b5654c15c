import { type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths whose values are replaced by `[REDACTED]` in every log line. Secrets must never reach a log: callers
 * also avoid logging whole Secret objects, and this list is the safety net for what slips through.
 */
export const REDACTED_PATHS = [
  'data',
  'stringData',
  '*.data',
  '*.stringData',
  'password',
  '*.password',
  'token',
  '*.token',
  'key',
  '*.key',
  'privateKey',
  '*.privateKey',
  'headers.authorization',
  '*.headers.authorization',
];

/** The root JSON logger (pino). Controllers derive a child per reconcile from it. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino({
    level: process.env.LOG_LEVEL ?? 'info',
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    ...options,
  });
}

/** A logger that writes nothing, for tests and for library users who bring no logger. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
