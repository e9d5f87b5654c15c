import type { OpenStackCluster } from '../../api/v1beta1/openstack-cluster.js';
import type { SecurityGroupRuleSpec } from '../../api/v1beta1/security-group-rules.js';
import { isIPv4Cidr } from './ipv4-cidr.js';
import type { ManagedSecurityGroupRole } from './resource-names.js';

/** Stands for the group's own id in a desired rule; replaced when the group exists (CAPO's `remoteGroupIDSelf`). */
export const REMOTE_GROUP_SELF = 'self';

/**
 * A security group rule as Neutron stores it, with CAPO's zero values for what is unset: `''` (any protocol, no
 * remote) and `0` (no port range).
 */
export interface SecurityGroupRule {
  readonly description: string;
  readonly direction: string;
  readonly etherType: string;
  readonly portRangeMin: number;
  readonly portRangeMax: number;
  readonly protocol: string;
  readonly remoteGroupID: string;
  readonly remoteIPPrefix: string;
}

/** The ids of the managed groups as they exist; the bastion's only while the bastion is enabled. */
export interface ManagedSecurityGroupIds {
  readonly controlplane: string;
  readonly worker: string;
  readonly bastion?: string;
}

/** The rules each managed group must have; no bastion entry when the bastion is disabled. */
export type DesiredSecurityGroupRules = Partial<Record<ManagedSecurityGroupRole, SecurityGroupRule[]>> &
  Record<'controlplane' | 'worker', SecurityGroupRule[]>;

const base = {
  description: '',
  etherType: 'IPv4',
  portRangeMin: 0,
  portRangeMax: 0,
  protocol: '',
  remoteGroupID: '',
  remoteIPPrefix: '',
};

function ingress(description: string, fields: Partial<SecurityGroupRule>): SecurityGroupRule {
  return { ...base, description, direction: 'ingress', ...fields };
}

function tcpPort(port: number): Partial<SecurityGroupRule> {
  return { protocol: 'tcp', portRangeMin: port, portRangeMax: port };
}

const NODE_PORTS = { portRangeMin: 30000, portRangeMax: 32767 };

/** Egress to anywhere over IPv4 and IPv6: every managed group starts with these. */
const FULL_EGRESS: SecurityGroupRule[] = [
  { ...base, description: 'Full open', direction: 'egress', etherType: 'IPv4' },
  { ...base, description: 'Full open', direction: 'egress', etherType: 'IPv6' },
];

/** The user's extra rules with remote managed groups expanded to one rule per group id. */
function extraRules(
  specs: readonly SecurityGroupRuleSpec[] | undefined,
  groupIds: Record<string, string>,
): SecurityGroupRule[] {
  return (specs ?? []).flatMap((spec) => {
    for (const group of spec.remoteManagedGroups ?? []) {
      if (groupIds[group] === undefined) {
        throw new Error(`remoteManagedGroups: ${group} is not a valid remote managed security group`);
      }
    }
    const rule: SecurityGroupRule = {
      description: spec.description ?? '',
      direction: spec.direction,
      etherType: spec.etherType ?? '',
      portRangeMin: spec.portRangeMin ?? 0,
      portRangeMax: spec.portRangeMax ?? 0,
      protocol: spec.protocol ?? '',
      remoteGroupID: spec.remoteGroupID ?? '',
      remoteIPPrefix: spec.remoteIPPrefix ?? '',
    };
    if ((spec.remoteManagedGroups?.length ?? 0) === 0) return [rule];
    if (spec.remoteGroupID !== undefined)
      throw new Error('remoteGroupID must not be set when remoteManagedGroups is set');
    return (spec.remoteManagedGroups ?? []).map((group) => ({ ...rule, remoteGroupID: groupIds[group] ?? '' }));
  });
}

/**
 * The rules of CAPO's managed security groups (`generateDesiredSecGroups`), in CAPO's order:
 * - both groups: full egress (IPv4, IPv6);
 * - control plane: Kubernetes API 6443/tcp from anywhere, each load balancer additional port (when the load balancer
 *   is enabled), then etcd 2379-2380/tcp from itself and kubelet 10250/tcp from itself and the workers — or, with
 *   `allowAllInClusterTraffic`, any protocol from itself and the workers;
 * - worker: node ports 30000-32767 tcp and udp from each IPv4 cluster subnet and from both groups, then kubelet from
 *   itself and the control plane — or any protocol from itself and the control plane;
 * - then the control-plane or worker extra rules, then the all-nodes rules, then SSH 22/tcp from the bastion group;
 * - bastion (when enabled): SSH from anywhere and full egress.
 * Throws when an extra rule names a managed group that does not exist (the bastion's while it is disabled).
 */
export function desiredSecurityGroupRules(
  cluster: Pick<OpenStackCluster, 'spec' | 'status'>,
  ids: ManagedSecurityGroupIds,
): DesiredSecurityGroupRules {
  const { spec } = cluster;
  const bastionEnabled = spec.bastion !== undefined && spec.bastion.enabled !== false;
  const loadBalancerEnabled = spec.apiServerLoadBalancer !== undefined && spec.apiServerLoadBalancer.enabled !== false;
  const allowAll = spec.managedSecurityGroups?.allowAllInClusterTraffic === true;
  const groupIds: Record<string, string> = {
    controlplane: ids.controlplane,
    worker: ids.worker,
    ...(bastionEnabled && ids.bastion !== undefined ? { bastion: ids.bastion } : {}),
  };

  const controlPlane: SecurityGroupRule[] = [...FULL_EGRESS, ingress('Kubernetes API', tcpPort(6443))];
  const worker: SecurityGroupRule[] = [...FULL_EGRESS];

  for (const subnet of cluster.status?.network?.subnets ?? []) {
    if (!isIPv4Cidr(subnet.cidr)) continue;
    for (const protocol of ['tcp', 'udp']) {
      worker.push(ingress('Node Port Services', { ...NODE_PORTS, protocol, remoteIPPrefix: subnet.cidr }));
    }
  }
  for (const remoteGroupID of [ids.worker, ids.controlplane]) {
    for (const protocol of ['tcp', 'udp']) {
      worker.push(ingress('Node Port Services', { ...NODE_PORTS, protocol, remoteGroupID }));
    }
  }

  if (loadBalancerEnabled) {
    for (const port of spec.apiServerLoadBalancer?.additionalPorts ?? []) {
      controlPlane.push(ingress('Additional ports', tcpPort(port)));
    }
  }

  if (allowAll) {
    controlPlane.push(
      ingress('In-cluster Ingress', { remoteGroupID: REMOTE_GROUP_SELF }),
      ingress('In-cluster Ingress', { remoteGroupID: ids.worker }),
    );
    worker.push(
      ingress('In-cluster Ingress', { remoteGroupID: REMOTE_GROUP_SELF }),
      ingress('In-cluster Ingress', { remoteGroupID: ids.controlplane }),
    );
  } else {
    controlPlane.push(
      ingress('Etcd', { protocol: 'tcp', portRangeMin: 2379, portRangeMax: 2380, remoteGroupID: REMOTE_GROUP_SELF }),
      ingress('Kubelet API', { ...tcpPort(10250), remoteGroupID: REMOTE_GROUP_SELF }),
      ingress('Kubelet API', { ...tcpPort(10250), remoteGroupID: ids.worker }),
    );
    worker.push(
      ingress('Kubelet API', { ...tcpPort(10250), remoteGroupID: REMOTE_GROUP_SELF }),
      ingress('Kubelet API', { ...tcpPort(10250), remoteGroupID: ids.controlplane }),
    );
  }

  const groups = spec.managedSecurityGroups;
  controlPlane.push(...extraRules(groups?.controlPlaneNodesSecurityGroupRules, groupIds));
  worker.push(...extraRules(groups?.workerNodesSecurityGroupRules, groupIds));
  const allNodes = extraRules(groups?.allNodesSecurityGroupRules, groupIds);
  controlPlane.push(...allNodes);
  worker.push(...allNodes);

  if (!bastionEnabled) return { controlplane: controlPlane, worker };
  const fromBastion = ingress('SSH', { ...tcpPort(22), remoteGroupID: ids.bastion ?? '' });
  controlPlane.push(fromBastion);
  worker.push(fromBastion);
  return { controlplane: controlPlane, worker, bastion: [ingress('SSH', tcpPort(22)), ...FULL_EGRESS] };
}

/**
 * Whether an observed rule satisfies a desired one: the same direction, ether type, port range, protocol and remote
 * (the description is ignored, as CAPO does). `self` in the desired rule stands for `groupId`.
 */
export function ruleMatches(desired: SecurityGroupRule, observed: SecurityGroupRule, groupId: string): boolean {
  const remoteGroupID = desired.remoteGroupID === REMOTE_GROUP_SELF ? groupId : desired.remoteGroupID;
  return (
    desired.direction === observed.direction &&
    desired.etherType === observed.etherType &&
    desired.portRangeMin === observed.portRangeMin &&
    desired.portRangeMax === observed.portRangeMax &&
    desired.protocol === observed.protocol &&
    remoteGroupID === observed.remoteGroupID &&
    desired.remoteIPPrefix === observed.remoteIPPrefix
  );
}
