import type { SimulatorClock } from './clock.js';
import type { QuotaBook } from './quotas.js';
import type { SeededRandom } from './random.js';
import type { ServiceName } from './recorder.js';
import type { SimulatorState } from './state.js';

/** Simulated durations of the asynchronous transitions, in milliseconds of the simulator's clock. */
export interface SimulatorDelays {
  /** Server BUILD → ACTIVE (or ERROR). */
  readonly serverBuildMs: number;
  /** Server deletion until it is gone (404). */
  readonly serverDeleteMs: number;
  /** Volume creating → available (or error). */
  readonly volumeCreateMs: number;
  /** Volume deleting → gone. */
  readonly volumeDeleteMs: number;
  /** Load balancer PENDING_CREATE/PENDING_UPDATE/PENDING_DELETE → ACTIVE/gone. */
  readonly loadBalancerMs: number;
  /** Floating IP DOWN → ACTIVE after association (and back after disassociation). */
  readonly floatingIpMs: number;
}

/** Default delays: small, so an `auto` clock finishes transitions quickly. */
export const defaultDelays: SimulatorDelays = {
  serverBuildMs: 200,
  serverDeleteMs: 100,
  volumeCreateMs: 100,
  volumeDeleteMs: 50,
  loadBalancerMs: 200,
  floatingIpMs: 50,
};

/** What the service implementations share. */
export interface SimulatorRuntime {
  readonly state: SimulatorState;
  readonly clock: SimulatorClock;
  /** Generator of resource IDs (separate from the fault-injection RNG). */
  readonly ids: SeededRandom;
  readonly quotas: QuotaBook;
  readonly delays: SimulatorDelays;
  readonly regionName: string;
  /** Absolute URL of a service's prefix (known once the server listens). */
  serviceUrl(service: ServiceName): string;
}
