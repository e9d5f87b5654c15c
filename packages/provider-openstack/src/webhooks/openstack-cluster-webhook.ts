import { type FieldError, FieldPath, field, jsonEqual, type Validator } from '@capi-ts/sdk';
import type { OpenStackCluster } from '../api/v1beta1/openstack-cluster.js';
import { allNodesRuleRemoteErrors } from './security-group-rule-remotes.js';
import { onlyPinsSubnetsToResolvedIDs } from './subnet-filter-to-id.js';

type Spec = Record<string, unknown> & Partial<OpenStackCluster['spec']>;

const SPEC = FieldPath.of('spec');

/** The bastion counts as enabled when present and `enabled` is not false (CAPO's `Bastion.IsEnabled`). */
function bastionEnabled(spec: Spec): boolean {
  return spec.bastion !== undefined && spec.bastion.enabled !== false;
}

/**
 * Removes from copies of both specs the fields this update may change, as CAPO's webhook zeroes them before
 * comparing the rest; returns the errors found on the way.
 */
function dropMutableFields(oldCluster: OpenStackCluster, newCluster: OpenStackCluster, before: Spec, after: Spec) {
  const errors: FieldError[] = [];
  // Credentials may move; the region is guarded by a CEL rule.
  delete before.identityRef;
  delete after.identityRef;

  // The endpoint may be set while it is unset or has no host.
  if (before.controlPlaneEndpoint === undefined) delete after.controlPlaneEndpoint;
  else if (!before.controlPlaneEndpoint.host) {
    delete before.controlPlaneEndpoint;
    delete after.controlPlaneEndpoint;
  }

  // Without a floating IP, the fixed IP and the port may be set once.
  if (before.disableAPIServerFloatingIP === true && !before.apiServerFixedIP) {
    delete before.apiServerFixedIP;
    delete after.apiServerFixedIP;
  }
  if (before.disableAPIServerFloatingIP === true && before.apiServerPort === undefined) delete after.apiServerPort;

  // The bastion may change freely, but must be disabled before it is removed.
  if (after.bastion === undefined && bastionEnabled(before)) {
    errors.push(field.forbidden(SPEC.child('bastion'), 'cannot be removed before disabling it'));
  }
  delete before.bastion;
  delete after.bastion;

  // Extra rules and allowAllInClusterTraffic may change, and managed security groups may be turned on.
  if (after.managedSecurityGroups !== undefined) {
    before.managedSecurityGroups = {} as Spec['managedSecurityGroups'];
    after.managedSecurityGroups = {} as Spec['managedSecurityGroups'];
  }

  errors.push(...dropManagedSubnetNameservers(before, after));

  if (before.apiServerLoadBalancer && after.apiServerLoadBalancer) {
    for (const lb of [before.apiServerLoadBalancer, after.apiServerLoadBalancer]) {
      delete lb.allowedCIDRs;
      delete lb.monitor;
    }
  }

  for (const spec of [before, after]) {
    delete spec.controlPlaneAvailabilityZones;
    delete spec.controlPlaneOmitAvailabilityZone;
  }

  // The floating IP may be pinned to the one the load balancer got.
  const loadBalancer = oldCluster.status?.apiServerLoadBalancer;
  if (loadBalancer && (newCluster.spec.apiServerFloatingIP ?? '') === loadBalancer.ip) {
    delete before.apiServerFloatingIP;
    delete after.apiServerFloatingIP;
  }

  // The network and subnets may be pinned to the ids they resolved to.
  const resolvedNetwork = oldCluster.status?.network;
  if (newCluster.spec.network && oldCluster.spec.network && resolvedNetwork) {
    if (onlyPinsSubnetsToResolvedIDs(oldCluster, newCluster)) {
      delete before.subnets;
      delete after.subnets;
    }
    if ((newCluster.spec.network.id ?? '') === resolvedNetwork.id) {
      delete before.network;
      delete after.network;
    }
  }
  return errors;
}

/** Managed subnets are matched by CIDR; only their DNS nameservers may change. */
function dropManagedSubnetNameservers(before: Spec, after: Spec): FieldError[] {
  if (!before.managedSubnets || !after.managedSubnets) return [];
  const path = SPEC.child('managedSubnets');
  if (before.managedSubnets.length !== after.managedSubnets.length) {
    return [field.forbidden(path, 'cannot add or remove subnets')];
  }
  const errors: FieldError[] = [];
  const oldByCidr = new Map(before.managedSubnets.map((subnet) => [subnet.cidr, subnet]));
  for (const subnet of after.managedSubnets) {
    const old = oldByCidr.get(subnet.cidr);
    if (!old) {
      errors.push(field.forbidden(path, `cannot change subnet CIDR from existing value to ${subnet.cidr}`));
      continue;
    }
    delete old.dnsNameservers;
    delete subnet.dnsNameservers;
  }
  return errors;
}

/**
 * OpenStackCluster admission (CAPO v0.14's `openStackClusterWebhook`). Create: the remote side of each
 * all-nodes rule is named one way only. Update: the spec is immutable except `identityRef`, the endpoint while
 * unset, the fixed IP and port once without a floating IP, the bastion (not removed while enabled), the managed
 * security group rules, the DNS nameservers of managed subnets, the load balancer's allowed CIDRs and monitor, the
 * control-plane availability zones, and pinning the floating IP, network and subnets to what they resolved to.
 */
export const openStackClusterValidator = {
  validateCreate: (cluster) => allNodesRuleRemoteErrors(cluster.spec.managedSecurityGroups),
  validateUpdate: (oldCluster, newCluster) => {
    const before = structuredClone(oldCluster.spec) as Spec;
    const after = structuredClone(newCluster.spec) as Spec;
    const errors = dropMutableFields(oldCluster, newCluster, before, after);
    if (!jsonEqual(before, after)) errors.push(field.forbidden(SPEC, 'cannot be modified'));
    return errors;
  },
} satisfies Validator<OpenStackCluster>;
