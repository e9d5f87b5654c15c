/** Neutron resources as stored by the simulator: the attributes Neutron returns, kept mutable in place. */

/** Attributes every Neutron resource with standard attributes carries. */
export interface StandardAttributes {
  readonly id: string;
  project_id: string;
  tenant_id: string;
  description: string;
  tags: string[];
  created_at: string;
  updated_at: string;
  revision_number: number;
}

/** `{ip_address, subnet_id}` of a port. */
export interface FixedIp {
  subnet_id: string;
  ip_address: string;
}

/** A network. */
export interface NetworkRecord extends StandardAttributes {
  name: string;
  admin_state_up: boolean;
  mtu: number;
  status: string;
  shared: boolean;
  'router:external': boolean;
  port_security_enabled: boolean;
  availability_zone_hints: string[];
  availability_zones: string[];
  ipv4_address_scope: string | null;
  ipv6_address_scope: string | null;
  is_default: boolean;
}

/** A subnet (IPv4). */
export interface SubnetRecord extends StandardAttributes {
  name: string;
  network_id: string;
  ip_version: number;
  cidr: string;
  gateway_ip: string | null;
  allocation_pools: Array<{ start: string; end: string }>;
  dns_nameservers: string[];
  host_routes: Array<{ destination: string; nexthop: string }>;
  enable_dhcp: boolean;
  ipv6_ra_mode: string | null;
  ipv6_address_mode: string | null;
  subnetpool_id: string | null;
  service_types: string[];
}

/** A port. */
export interface PortRecord extends StandardAttributes {
  name: string;
  network_id: string;
  mac_address: string;
  admin_state_up: boolean;
  status: string;
  device_id: string;
  device_owner: string;
  fixed_ips: FixedIp[];
  allowed_address_pairs: Array<{ ip_address: string; mac_address: string }>;
  security_groups: string[];
  port_security_enabled: boolean;
  /** Shown only when set (the uplink-status-propagation extension is not in the reference deployment). */
  propagate_uplink_status?: boolean;
  extra_dhcp_opts: unknown[];
  'binding:host_id': string;
  'binding:vif_type': string;
  'binding:vnic_type': string;
  'binding:profile': Record<string, unknown>;
  'binding:vif_details': Record<string, unknown>;
}

/** A router; `gatewayPortId` is internal. */
export interface RouterRecord extends StandardAttributes {
  name: string;
  admin_state_up: boolean;
  status: string;
  external_gateway_info: {
    network_id: string;
    enable_snat: boolean;
    external_fixed_ips: FixedIp[];
  } | null;
  routes: unknown[];
  availability_zone_hints: string[];
  availability_zones: string[];
  flavor_id: string | null;
}

/** A security group (its rules are stored separately). */
export interface SecurityGroupRecord extends StandardAttributes {
  name: string;
  stateful: boolean;
  shared: boolean;
}

/** A security group rule. */
export interface SecurityGroupRuleRecord extends Omit<StandardAttributes, 'description'> {
  description: string | null;
  /** Neutron (Zed) leaks the rule's standard-attribute row ID in its body. */
  standard_attr_id: number;
  security_group_id: string;
  direction: string;
  ethertype: string;
  protocol: string | null;
  port_range_min: number | null;
  port_range_max: number | null;
  remote_ip_prefix: string | null;
  remote_group_id: string | null;
  remote_address_group_id: string | null;
  normalized_cidr: string | null;
}

/** A floating IP. */
export interface FloatingIpRecord extends StandardAttributes {
  floating_ip_address: string;
  floating_network_id: string;
  router_id: string | null;
  port_id: string | null;
  fixed_ip_address: string | null;
  status: string;
}

/** A trunk sub-port. */
export interface SubPort {
  port_id: string;
  segmentation_type: string;
  segmentation_id: number;
}

/** A trunk. */
export interface TrunkRecord extends StandardAttributes {
  name: string;
  port_id: string;
  admin_state_up: boolean;
  status: string;
  sub_ports: SubPort[];
}

/** Neutron's state. */
export class NetworkState {
  readonly networks = new Map<string, NetworkRecord>();
  readonly subnets = new Map<string, SubnetRecord>();
  readonly ports = new Map<string, PortRecord>();
  readonly routers = new Map<string, RouterRecord>();
  /** Router ID → ID of its gateway port on the external network. */
  readonly routerGatewayPorts = new Map<string, string>();
  readonly securityGroups = new Map<string, SecurityGroupRecord>();
  readonly securityGroupRules = new Map<string, SecurityGroupRuleRecord>();
  /** Project ID → ID of its `default` security group (created on first use, as Neutron does). */
  readonly defaultSecurityGroups = new Map<string, string>();
  readonly floatingIps = new Map<string, FloatingIpRecord>();
  readonly trunks = new Map<string, TrunkRecord>();
  /** Last standard-attribute row ID handed out (security group rules show it). */
  standardAttributeId = 0;
}
