/** The simulated services, named by their catalog type. */
export type ServiceName = 'identity' | 'compute' | 'network' | 'image' | 'volume' | 'load-balancer';

/** One request the simulator received. */
export interface RecordedRequest {
  /** 1-based arrival order. */
  readonly sequence: number;
  /** `undefined` when the path belonged to no service. */
  readonly service: ServiceName | undefined;
  readonly method: string;
  /** Path below the service prefix, e.g. `/v2.0/networks` (the full path when no service matched). */
  readonly path: string;
  /** Raw query string without `?` (empty when none). */
  readonly query: string;
  /** Response status; `0` for an injected connection reset. */
  readonly status: number;
  /** Whether the answer was produced by fault injection. */
  readonly injected: boolean;
  readonly requestId: string;
}

/** Criteria for counting recorded requests; every given field must match. */
export interface RequestFilter {
  readonly service?: ServiceName;
  readonly method?: string;
  /** Exact path, or a regular expression tested against it. */
  readonly path?: string | RegExp;
  readonly status?: number;
  readonly injected?: boolean;
}

/** Matches a recorded request against a filter. */
export function requestMatches(request: RecordedRequest, filter: RequestFilter): boolean {
  if (filter.service !== undefined && request.service !== filter.service) return false;
  if (filter.method !== undefined && request.method !== filter.method.toUpperCase()) return false;
  if (filter.status !== undefined && request.status !== filter.status) return false;
  if (filter.injected !== undefined && request.injected !== filter.injected) return false;
  if (typeof filter.path === 'string' && request.path !== filter.path) return false;
  if (filter.path instanceof RegExp && !filter.path.test(request.path)) return false;
  return true;
}

/** Append-only log of requests. */
export class RequestRecorder {
  private readonly entries: RecordedRequest[] = [];

  /** Adds a request (its sequence number is assigned here). */
  add(entry: Omit<RecordedRequest, 'sequence'>): void {
    this.entries.push({ ...entry, sequence: this.entries.length + 1 });
  }

  /** Requests matching `filter`, in arrival order. */
  list(filter: RequestFilter = {}): RecordedRequest[] {
    return this.entries.filter((entry) => requestMatches(entry, filter));
  }

  /** Forgets every recorded request. */
  clear(): void {
    this.entries.length = 0;
  }
}
