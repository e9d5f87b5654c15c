import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log/logger.js';
import type { RouteHandler } from './http-endpoint.js';

/** A health or readiness check: it passes by returning, and fails by throwing (or rejecting). */
export type HealthChecker = () => void | Promise<void>;

/** The outcome of one named check. */
export interface CheckResult {
  name: string;
  ok: boolean;
  error?: unknown;
}

/** A named set of checks behind one probe endpoint (`/healthz` or `/readyz`), as controller-runtime's `healthz`. */
export class HealthChecks {
  private readonly checks = new Map<string, HealthChecker>();

  /** @param endpoint the probe's name, e.g. `healthz`, used in answers and logs. */
  constructor(readonly endpoint: string) {}

  /** Adds a check; names are unique within the endpoint and may not contain `/`. */
  add(name: string, check: HealthChecker): void {
    if (!name || name.includes('/')) throw new Error(`invalid ${this.endpoint} check name "${name}"`);
    if (this.checks.has(name)) throw new Error(`${this.endpoint} check "${name}" is already registered`);
    this.checks.set(name, check);
  }

  /** True when a check of that name exists. */
  has(name: string): boolean {
    return this.checks.has(name);
  }

  /** Runs the checks (all, or only `only`), skipping `exclude`, concurrently. */
  async run(options: { only?: string; exclude?: string[] } = {}): Promise<CheckResult[]> {
    const selected = [...this.checks].filter(
      ([name]) => (options.only === undefined || name === options.only) && !options.exclude?.includes(name),
    );
    return await Promise.all(
      selected.map(async ([name, check]) => {
        try {
          await check();
          return { name, ok: true };
        } catch (error) {
          return { name, ok: false, error };
        }
      }),
    );
  }
}

/**
 * Serves `/<endpoint>` (all checks; `?exclude=a&exclude=b`, `?verbose`) and `/<endpoint>/<name>` (one check):
 * 200 `ok` when every check passes, else 500 listing each check as `[+]name ok` / `[-]name failed`. Failure
 * reasons go to the log, not to the answer, as in controller-runtime.
 */
export async function serveHealthChecks(
  checks: HealthChecks,
  url: URL,
  res: ServerResponse<IncomingMessage>,
  logger: Logger,
): Promise<void> {
  const only = url.pathname.slice(`/${checks.endpoint}/`.length) || undefined;
  if (only !== undefined && !checks.has(only)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${checks.endpoint} check not found\n`);
    return;
  }
  const results = await checks.run({ only, exclude: url.searchParams.getAll('exclude') });
  const failed = results.filter((r) => !r.ok);
  for (const { name, error } of failed) logger.info({ check: name, err: error }, `${checks.endpoint} check failed`);
  const verbose = url.searchParams.has('verbose') || failed.length > 0;
  const headers = { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' };
  if (!verbose) {
    res.writeHead(200, headers).end('ok');
    return;
  }
  const lines = results.map((r) => (r.ok ? `[+]${r.name} ok` : `[-]${r.name} failed: reason withheld`));
  lines.push(`${checks.endpoint} check ${failed.length > 0 ? 'failed' : 'passed'}`);
  res.writeHead(failed.length > 0 ? 500 : 200, headers).end(`${lines.join('\n')}\n`);
}

/** Routes `/<endpoint>` and `/<endpoint>/<name>` of each probe (e.g. `healthz`, `readyz`) to its checks. */
export function healthProbeRoute(probes: HealthChecks[], logger: Logger): RouteHandler {
  return async (url, res) => {
    const probe = probes.find(
      (checks) => url.pathname === `/${checks.endpoint}` || url.pathname.startsWith(`/${checks.endpoint}/`),
    );
    if (!probe) return false;
    await serveHealthChecks(probe, url, res, logger);
    return true;
  };
}
