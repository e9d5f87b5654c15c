import type { Backend } from './backends.js';

/** The load balancer types of `spec.loadBalancer`. */
export type LoadBalancerType = 'lxc' | 'oci' | 'ovn' | 'kubeVIP' | 'external';

/** The outcome of a reconfiguration. */
export interface ReconfigureResult {
  /** The control-plane instances the load balancer now forwards to. */
  backends: Backend[];
  /** Whether anything was written (a no-op reconfiguration writes nothing). */
  changed: boolean;
}

/** The control plane load balancer of one LXCCluster, whatever its type. All methods are idempotent. */
export interface LoadBalancer {
  readonly type: LoadBalancerType;
  /**
   * Creates or adopts the load balancer and returns its addresses, the first of which becomes the control plane
   * endpoint; empty while it has none yet (an instance still starting).
   */
  ensure(signal?: AbortSignal): Promise<string[]>;
  /** Points the load balancer at the current control-plane instances (types without backends: nothing to do). */
  reconfigure(signal?: AbortSignal): Promise<ReconfigureResult>;
  /** Removes what {@link ensure} created; a load balancer already gone is fine. */
  delete(signal?: AbortSignal): Promise<void>;
}
