import type { IncomingHttpHeaders } from 'node:http';
import type { TokenRecord } from './identity-state.js';
import type { Microversion } from './microversion.js';

/** Everything a route handler sees of one request. */
export interface RequestContext {
  readonly method: string;
  /** Path below the service's prefix, e.g. `/v2.0/networks/<id>`. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly headers: IncomingHttpHeaders;
  /** The validated token (absent only on public routes). */
  readonly token: TokenRecord | undefined;
  /** Absolute URL of the service's prefix, e.g. `http://127.0.0.1:4321/network`. */
  readonly serviceUrl: string;
  /** The negotiated microversion of services that have them (Nova, Cinder). */
  readonly microversion: Microversion | undefined;
}

/** A handler's answer. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Handles one matched request. */
export type Handler = (context: RequestContext) => Reply;

/** One method + path pattern (`{name}` matches a segment) of a service. */
export interface Route {
  readonly method: string;
  readonly segments: readonly string[];
  readonly handler: Handler;
  /** Served without a token (version documents, token creation). */
  readonly public: boolean;
}

/** Declares a route; `pattern` is relative to the service prefix, e.g. `/v2.0/networks/{id}`. */
export function route(method: string, pattern: string, handler: Handler, options: { public?: boolean } = {}): Route {
  return { method, segments: splitPath(pattern), handler, public: options.public ?? false };
}

/** Path segments without empty ones (so trailing slashes do not matter). */
export function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/**
 * Matches `segments` of a request against a pattern's segments: `{name}` captures one segment, a final `*`
 * matches the rest. Returns the captured parameters or `undefined`.
 */
export function matchSegments(
  pattern: readonly string[],
  segments: readonly string[],
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    if (expected === '*' && i === pattern.length - 1) return params;
    const actual = segments[i];
    if (actual === undefined) return undefined;
    if (expected.startsWith('{') && expected.endsWith('}')) params[expected.slice(1, -1)] = decodeURIComponent(actual);
    else if (expected !== actual) return undefined;
  }
  return segments.length === pattern.length ? params : undefined;
}

/** The route for a request, `method-not-allowed` when only the method differs, or `undefined`. */
export function findRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | 'method-not-allowed' | undefined {
  const segments = splitPath(path);
  let pathMatched = false;
  for (const candidate of routes) {
    const params = matchSegments(candidate.segments, segments);
    if (!params) continue;
    if (candidate.method === method) return { route: candidate, params };
    pathMatched = true;
  }
  return pathMatched ? 'method-not-allowed' : undefined;
}

/** `200` with a JSON body. */
export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 200, body, headers });
/** `201` with a JSON body. */
export const created = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 201, body, headers });
/** `202`, optionally with a JSON body. */
export const accepted = (body?: unknown): Reply => ({ status: 202, body });
/** `204` without a body. */
export const noContent = (): Reply => ({ status: 204 });
