import { VolumeState } from './cinder/records.js';
import type { ImageRecord } from './glance.js';
import { IdentityState } from './identity-state.js';
import { NetworkState } from './neutron/records.js';
import { ComputeState } from './nova/records.js';
import { LoadBalancerState } from './octavia/records.js';

/** Everything the simulated cloud holds. */
export class SimulatorState {
  readonly identity = new IdentityState();
  readonly network = new NetworkState();
  readonly images = new Map<string, ImageRecord>();
  readonly volume = new VolumeState();
  readonly compute = new ComputeState();
  readonly loadBalancer = new LoadBalancerState();
  /** IDs of resources created by the simulator's own set-up (not reported as leftovers). */
  readonly seeded = new Set<string>();
}
