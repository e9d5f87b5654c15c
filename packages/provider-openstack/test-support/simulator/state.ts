import { IdentityState } from './identity-state.js';
import { NetworkState } from './neutron/records.js';

/** Everything the simulated cloud holds. */
export class SimulatorState {
  readonly identity = new IdentityState();
  readonly network = new NetworkState();
  /** IDs of resources created by the simulator's own set-up (not reported as leftovers). */
  readonly seeded = new Set<string>();
}
