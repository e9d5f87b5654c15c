import type { ServiceName } from './recorder.js';
import type { SimulatorState } from './state.js';

/** A resource still present that the simulator's own set-up did not create. */
export interface LeftoverResource {
  readonly service: ServiceName;
  /** Resource type as named in the API (`network`, `port`, `server`, `loadbalancer`, …). */
  readonly type: string;
  readonly id: string;
  readonly name: string;
}

function collect(
  out: LeftoverResource[],
  seeded: ReadonlySet<string>,
  service: ServiceName,
  type: string,
  records: Iterable<{ id: string; name?: string }>,
): void {
  for (const record of records) {
    if (!seeded.has(record.id)) out.push({ service, type, id: record.id, name: record.name ?? '' });
  }
}

/**
 * Every resource created through the API and not deleted (resources still `deleting` count until their transition
 * ran). Projects' `default` security groups (and their automatic rules), router gateway ports, load balancer VIP ports, the rules of
 * reported groups and load balancers' listeners/pools/members/monitors are left out: they go with their owner.
 */
export function findLeftovers(state: SimulatorState): LeftoverResource[] {
  const out: LeftoverResource[] = [];
  const { seeded, network } = state;
  const defaultGroups = new Set(network.defaultSecurityGroups.values());
  const reportedGroups = [...network.securityGroups.values()].filter(
    (group) => !defaultGroups.has(group.id) && !seeded.has(group.id),
  );
  collect(out, seeded, 'network', 'network', network.networks.values());
  collect(out, seeded, 'network', 'subnet', network.subnets.values());
  collect(
    out,
    seeded,
    'network',
    'port',
    [...network.ports.values()].filter(
      (port) => port.device_owner !== 'network:router_gateway' && port.device_owner !== 'Octavia',
    ),
  );
  collect(out, seeded, 'network', 'router', network.routers.values());
  collect(out, seeded, 'network', 'security_group', reportedGroups);
  const reportedGroupIds = new Set(reportedGroups.map((group) => group.id));
  collect(
    out,
    seeded,
    'network',
    'security_group_rule',
    [...network.securityGroupRules.values()]
      .filter((rule) => !reportedGroupIds.has(rule.security_group_id))
      .map((rule) => ({ id: rule.id, name: rule.description ?? '' })),
  );
  collect(
    out,
    seeded,
    'network',
    'floatingip',
    [...network.floatingIps.values()].map((fip) => ({ id: fip.id, name: fip.floating_ip_address })),
  );
  collect(out, seeded, 'network', 'trunk', network.trunks.values());
  const { compute, volume, loadBalancer } = state;
  collect(out, seeded, 'compute', 'server', compute.servers.values());
  collect(out, seeded, 'compute', 'server_group', compute.serverGroups.values());
  collect(
    out,
    seeded,
    'compute',
    'keypair',
    [...compute.keyPairs.values()].map((keyPair) => ({ id: `${keyPair.userId}/${keyPair.name}`, name: keyPair.name })),
  );
  collect(out, seeded, 'volume', 'volume', volume.volumes.values());
  collect(out, seeded, 'load-balancer', 'loadbalancer', loadBalancer.loadBalancers.values());
  collect(out, seeded, 'image', 'image', state.images.values());
  return out;
}
