/**
 * A load balancer spec that cannot work as written (no endpoint host for kube-vip/ovn/external, no OVN network
 * name, an OVN load balancer owned by another cluster). Retrying does not help; the message says what to change.
 */
export class LoadBalancerSpecError extends Error {
  override name = 'LoadBalancerSpecError';
}
