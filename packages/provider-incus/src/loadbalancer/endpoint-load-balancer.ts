import { LoadBalancerSpecError } from './errors.js';
import type { LoadBalancer, ReconfigureResult } from './load-balancer.js';

/**
 * A load balancer the provider does not run: `kubeVIP` (the VIP is held by kube-vip pods on the control-plane
 * instances, whose manifest the machines get from `controlPlaneLoadBalancerFiles`) or `external`. Both need
 * `spec.controlPlaneEndpoint.host`.
 */
export class EndpointLoadBalancer implements LoadBalancer {
  constructor(
    readonly type: 'kubeVIP' | 'external',
    private readonly host: string | undefined,
  ) {}

  async ensure(): Promise<string[]> {
    if (!this.host) {
      const name = this.type === 'kubeVIP' ? 'kube-vip' : 'external';
      throw new LoadBalancerSpecError(`the ${name} load balancer needs spec.controlPlaneEndpoint.host`);
    }
    return [this.host];
  }

  async reconfigure(): Promise<ReconfigureResult> {
    return { backends: [], changed: false };
  }

  async delete(): Promise<void> {}
}
