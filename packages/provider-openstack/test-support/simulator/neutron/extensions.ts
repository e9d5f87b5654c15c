import { ApiError } from '../errors.js';
import { ok, type Route, route } from '../router.js';

/** Aliases and names of the Neutron API extensions the simulator implements (what CAPO and its client look for). */
export const neutronExtensions: Readonly<Record<string, string>> = {
  'allowed-address-pairs': 'Allowed Address Pairs',
  binding: 'Port Binding',
  'external-net': 'Neutron external network',
  'ext-gw-mode': 'Neutron L3 Configurable external gateway mode',
  extra_dhcp_opt: 'Neutron Extra DHCP options',
  'fip-port-details': 'Floating IP Port Details Extension',
  'filter-validation': 'Filter parameters validation',
  'net-mtu': 'Network MTU',
  network_availability_zone: 'Network Availability Zone',
  'port-security': 'Port Security',
  'project-id': 'project_id field enabled',
  quotas: 'Quota management support',
  quota_details: 'Quota details management support',
  router: 'Neutron L3 Router',
  router_availability_zone: 'Router Availability Zone',
  'security-group': 'security-group',
  'standard-attr-description': 'standard-attr-description',
  'standard-attr-revisions': 'Resource revision numbers',
  'standard-attr-tag':
    'Tag support for resources with standard attribute: subnet, trunk, network_segment_range, router, network, policy, subnetpool, port, security_group, floatingip',
  'standard-attr-timestamp': 'Resource timestamps',
  'stateful-security-group': 'Stateful security group',
  'tag-ports-during-bulk-creation': 'Tag Ports During Bulk Creation',
  trunk: 'Trunk Extension',
  'trunk-details': 'Trunk port details',
};

function extensionView(alias: string, name: string): Record<string, unknown> {
  return { alias, name, description: name, updated: '2013-01-20T00:00:00-00:00', links: [] };
}

/** Routes of `/v2.0/extensions`; `enabled` lists the aliases served (all by default). */
export function extensionRoutes(enabled: readonly string[]): Route[] {
  const served = Object.entries(neutronExtensions).filter(([alias]) => enabled.includes(alias));
  return [
    route('GET', '/v2.0/extensions', () =>
      ok({ extensions: served.map(([alias, name]) => extensionView(alias, name)) }),
    ),
    route('GET', '/v2.0/extensions/{alias}', (context) => {
      const found = served.find(([alias]) => alias === context.params.alias);
      if (!found)
        throw new ApiError(404, `Extension with alias ${context.params.alias} does not exist`, 'HTTPNotFound');
      return ok({ extension: extensionView(found[0], found[1]) });
    }),
  ];
}
