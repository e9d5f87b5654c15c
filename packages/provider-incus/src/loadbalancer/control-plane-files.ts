import type { Cluster } from '@capi-ts/sdk';
import type { LXCCluster } from '../api/v1alpha2/lxccluster.js';
import { controlPlaneLoadBalancerFiles } from './kube-vip.js';

/**
 * The files the load balancer adds to a new control-plane instance of `cluster` (path → content): the kube-vip
 * static pod for the `kubeVIP` type, nothing otherwise. The first control-plane node is the one created before
 * the Cluster reports `status.initialization.controlPlaneInitialized` (or its `ControlPlaneInitialized`
 * condition). Fits the LXCMachine backend's `ControlPlaneLoadBalancer.controlPlaneFiles`.
 */
export function controlPlaneFiles(input: {
  cluster: Readonly<Cluster>;
  lxcCluster: Readonly<Pick<LXCCluster, 'spec'>>;
}): Record<string, string> {
  const status = input.cluster.status as
    | { initialization?: { controlPlaneInitialized?: boolean }; conditions?: { type: string; status: string }[] }
    | undefined;
  const initialized =
    status?.initialization?.controlPlaneInitialized === true ||
    (status?.conditions ?? []).some((c) => c.type === 'ControlPlaneInitialized' && c.status === 'True');
  return controlPlaneLoadBalancerFiles(input.lxcCluster, initialized);
}
