/** Octavia's records; `loadbalancer_id`, `listener_id` and `pool_id` link children to their parents. */

/** Attributes every Octavia resource has. */
export interface OctaviaBase {
  readonly id: string;
  name: string;
  description: string;
  readonly project_id: string;
  readonly tenant_id: string;
  admin_state_up: boolean;
  provisioning_status: string;
  operating_status: string;
  tags: string[];
  readonly created_at: string;
  updated_at: string | null;
}

/** A load balancer; `ownsVipPort` is internal (the VIP port goes with it when Octavia created it). */
export interface LoadBalancerRecord extends OctaviaBase {
  vip_address: string;
  vip_port_id: string;
  vip_subnet_id: string;
  vip_network_id: string;
  readonly provider: string;
  readonly flavor_id: string | null;
  readonly availability_zone: string | null;
  readonly ownsVipPort: boolean;
}

/** A listener. */
export interface ListenerRecord extends OctaviaBase {
  readonly loadbalancer_id: string;
  readonly protocol: string;
  readonly protocol_port: number;
  default_pool_id: string | null;
  connection_limit: number;
  allowed_cidrs: string[] | null;
  timeout_client_data: number;
  timeout_member_connect: number;
  timeout_member_data: number;
  timeout_tcp_inspect: number;
}

/** A pool. */
export interface PoolRecord extends OctaviaBase {
  readonly loadbalancer_id: string;
  readonly listener_id: string | null;
  readonly protocol: string;
  lb_algorithm: string;
  healthmonitor_id: string | null;
}

/** A pool member. */
export interface MemberRecord extends OctaviaBase {
  readonly pool_id: string;
  readonly address: string;
  readonly protocol_port: number;
  readonly subnet_id: string | null;
  weight: number;
  backup: boolean;
}

/** A health monitor. */
export interface MonitorRecord extends OctaviaBase {
  readonly pool_id: string;
  readonly type: string;
  delay: number;
  timeout: number;
  max_retries: number;
  max_retries_down: number;
  http_method: string | null;
  url_path: string | null;
  expected_codes: string | null;
}

/** An Octavia flavor offered to users. */
export interface OctaviaFlavor {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly enabled: boolean;
  readonly flavor_profile_id: string;
}

/** Octavia's state. */
export class LoadBalancerState {
  readonly loadBalancers = new Map<string, LoadBalancerRecord>();
  readonly listeners = new Map<string, ListenerRecord>();
  readonly pools = new Map<string, PoolRecord>();
  readonly members = new Map<string, MemberRecord>();
  readonly monitors = new Map<string, MonitorRecord>();
  readonly flavors = new Map<string, OctaviaFlavor>();
  /** Provider name → description (`GET /lbaas/providers`). */
  readonly providers = new Map<string, string>();
}
