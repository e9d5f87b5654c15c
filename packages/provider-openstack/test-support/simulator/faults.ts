import type { SeededRandom } from './random.js';
import type { ServiceName } from './recorder.js';
import { matchSegments, splitPath } from './router.js';

/** What an injected fault does to a request. */
export type FaultEffect =
  /** Answer with this status (and the service's error body) instead of handling the request. */
  | { readonly kind: 'status'; readonly status: number; readonly message?: string; readonly retryAfterSeconds?: number }
  /** Destroy the connection without an answer. */
  | { readonly kind: 'reset' }
  /** Delay the request (real time), then handle it normally. */
  | { readonly kind: 'latency'; readonly ms: number };

/** A fault injected into requests that match every given criterion. */
export interface FaultRule {
  readonly service?: ServiceName;
  readonly method?: string;
  /** Path below the service prefix: a route pattern (`/v2.0/ports/{id}`, final `*` for the rest) or a RegExp. */
  readonly path?: string | RegExp;
  /** Chance (0–1, drawn from the seeded RNG) that a matching request is hit; default 1. */
  readonly probability?: number;
  /** Maximum number of requests to hit; unlimited by default. */
  readonly times?: number;
  readonly effect: FaultEffect;
}

/** Handle of an installed fault rule. */
export interface InstalledFault {
  /** How many requests this rule has hit so far. */
  readonly hits: number;
  /** Uninstalls the rule. */
  remove(): void;
}

/** The fault-injection decision for one request. */
export interface FaultDecision {
  readonly latencyMs: number;
  readonly effect: Exclude<FaultEffect, { kind: 'latency' }> | undefined;
}

interface ActiveRule {
  readonly rule: FaultRule;
  readonly segments: readonly string[] | undefined;
  hits: number;
}

/** Per-route fault rules evaluated with a seeded RNG, so a given seed and request sequence always fails the same way. */
export class FaultInjector {
  private readonly rules: ActiveRule[] = [];

  constructor(private readonly random: SeededRandom) {}

  /** Installs a rule; rules are evaluated in installation order. */
  add(rule: FaultRule): InstalledFault {
    const active: ActiveRule = {
      rule,
      segments: typeof rule.path === 'string' ? splitPath(rule.path) : undefined,
      hits: 0,
    };
    this.rules.push(active);
    return {
      get hits() {
        return active.hits;
      },
      remove: () => {
        const index = this.rules.indexOf(active);
        if (index >= 0) this.rules.splice(index, 1);
      },
    };
  }

  /** Removes every rule. */
  clear(): void {
    this.rules.length = 0;
  }

  /** Decides what happens to a request: accumulated latency and the first terminating effect that fires. */
  decide(service: ServiceName, method: string, path: string): FaultDecision {
    let latencyMs = 0;
    for (const active of this.rules) {
      if (!this.matches(active, service, method, path)) continue;
      const probability = active.rule.probability ?? 1;
      if (probability < 1 && this.random.next() >= probability) continue;
      active.hits++;
      const effect = active.rule.effect;
      if (effect.kind === 'latency') latencyMs += effect.ms;
      else return { latencyMs, effect };
    }
    return { latencyMs, effect: undefined };
  }

  private matches(active: ActiveRule, service: ServiceName, method: string, path: string): boolean {
    const { rule } = active;
    if (rule.times !== undefined && active.hits >= rule.times) return false;
    if (rule.service !== undefined && rule.service !== service) return false;
    if (rule.method !== undefined && rule.method.toUpperCase() !== method) return false;
    if (rule.path instanceof RegExp) return rule.path.test(path);
    if (active.segments) return matchSegments(active.segments, splitPath(path)) !== undefined;
    return true;
  }
}
