import { describe, expect, it } from 'vitest';
import {
  additionalVolumeName,
  bastionServerName,
  clusterResourceDescription,
  clusterResourceName,
  floatingIPClaimName,
  floatingIPPoolDescription,
  floatingIPPoolTag,
  loadBalancerMemberName,
  loadBalancerName,
  loadBalancerPortResourceName,
  networkName,
  portDescription,
  portName,
  rootVolumeName,
  securityGroupName,
} from '../../../src/controllers/shared/resource-names.js';

const cluster = { namespace: 'team-a', name: 'prod' };

describe("CAPO's resource names", () => {
  it.each([
    ['cluster resource name', clusterResourceName(cluster), 'team-a-prod'],
    ['network, subnet and router', networkName(cluster), 'k8s-clusterapi-cluster-team-a-prod'],
    [
      'control-plane group',
      securityGroupName(cluster, 'controlplane'),
      'k8s-cluster-team-a-prod-secgroup-controlplane',
    ],
    ['worker group', securityGroupName(cluster, 'worker'), 'k8s-cluster-team-a-prod-secgroup-worker'],
    ['bastion group', securityGroupName(cluster, 'bastion'), 'k8s-cluster-team-a-prod-secgroup-bastion'],
    ['load balancer', loadBalancerName(cluster), 'k8s-clusterapi-cluster-team-a-prod-kubeapi'],
    [
      'listener, pool and monitor',
      loadBalancerPortResourceName(cluster, 6443),
      'k8s-clusterapi-cluster-team-a-prod-kubeapi-6443',
    ],
    [
      'pool member',
      loadBalancerMemberName(cluster, 6443, 'prod-control-plane-x7k2p'),
      'k8s-clusterapi-cluster-team-a-prod-kubeapi-6443-prod-control-plane-x7k2p',
    ],
    ['bastion server', bastionServerName('prod'), 'prod-bastion'],
    ['port by index', portName('prod-md-0-abcde', 0), 'prod-md-0-abcde-0'],
    ['port by suffix', portName('prod-md-0-abcde', 1, 'storage'), 'prod-md-0-abcde-storage'],
    ['root volume', rootVolumeName('prod-md-0-abcde'), 'prod-md-0-abcde-root'],
    ['additional volume', additionalVolumeName('prod-md-0-abcde', 'etcd'), 'prod-md-0-abcde-etcd'],
    ['floating IP claim', floatingIPClaimName('prod-md-0-abcde'), 'prod-md-0-abcde-floating-ip-address'],
    [
      'cluster resource description',
      clusterResourceDescription(cluster),
      'Created by cluster-api-provider-openstack cluster team-a-prod',
    ],
    ['port description', portDescription('prod'), 'Created by cluster-api-provider-openstack cluster prod'],
    ['pool tag', floatingIPPoolTag('pool-1'), 'cluster-api-provider-openstack-fip-pool-pool-1'],
    [
      'pool description',
      floatingIPPoolDescription('pool-1'),
      'Created by cluster-api-provider-openstack OpenStackFloatingIPPool pool-1',
    ],
  ])('%s', (_what, actual, expected) => {
    expect(actual).toBe(expected);
  });
});
