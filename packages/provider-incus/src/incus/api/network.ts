/** `PUT /1.0/networks/<name>` body. */
export interface NetworkPut {
  description?: string;
  config: Record<string, string>;
}

/** `POST /1.0/networks` body. */
export interface NetworksPost extends Partial<NetworkPut> {
  name: string;
  /** `bridge`, `ovn`, `macvlan`, `sriov` or `physical`. */
  type?: string;
}

/** `GET /1.0/networks/<name>`. */
export interface Network extends NetworkPut {
  name: string;
  type: string;
  managed: boolean;
  status: string;
  used_by: string[];
  locations: string[] | null;
  project?: string;
}

/** One port mapping of a network forward. */
export interface NetworkForwardPort {
  description?: string;
  protocol: 'tcp' | 'udp';
  /** Port or range list, e.g. `80,8000-8080`. */
  listen_port: string;
  target_port?: string;
  target_address: string;
}

/** `PUT /1.0/networks/<net>/forwards/<address>` body. */
export interface NetworkForwardPut {
  description?: string;
  config: Record<string, string>;
  ports: NetworkForwardPort[];
}

/** `GET /1.0/networks/<net>/forwards/<address>`; `POST` takes the same shape. */
export interface NetworkForward extends NetworkForwardPut {
  listen_address: string;
  location?: string;
}

/** One backend of a network load balancer. */
export interface NetworkLoadBalancerBackend {
  name: string;
  description?: string;
  target_port?: string;
  target_address: string;
}

/** One listening port of a network load balancer. */
export interface NetworkLoadBalancerPort {
  description?: string;
  protocol: 'tcp' | 'udp';
  listen_port: string;
  /** Backend names that receive this port's traffic. */
  target_backend: string[];
}

/** `PUT /1.0/networks/<net>/load-balancers/<address>` body. */
export interface NetworkLoadBalancerPut {
  description?: string;
  config: Record<string, string>;
  backends: NetworkLoadBalancerBackend[];
  ports: NetworkLoadBalancerPort[];
}

/** `GET /1.0/networks/<net>/load-balancers/<address>`; `POST` takes the same shape. */
export interface NetworkLoadBalancer extends NetworkLoadBalancerPut {
  listen_address: string;
  location?: string;
}

/** `GET /1.0/networks/<net>/load-balancers/<address>/state` (OVN health checks). */
export interface NetworkLoadBalancerState {
  backend_health: Record<
    string,
    { address: string; ports: Array<{ protocol: string; port: number; status: 'up' | 'down' | string }> }
  > | null;
}
