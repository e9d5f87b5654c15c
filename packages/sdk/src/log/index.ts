export { createLogger, type Logger, REDACTED_PATHS, silentLogger } from './logger.js';
