/** Instance kinds. Only system containers run in this project's test sandbox. */
export type InstanceType = 'container' | 'virtual-machine';

/** Where a new instance's root filesystem comes from (`POST /1.0/instances` `source`). */
export interface InstanceSource {
  type: 'image' | 'none' | 'copy' | 'migration';
  /** Image alias on the source server (or the local server when `server` is empty). */
  alias?: string;
  fingerprint?: string;
  /** Remote image server URL, e.g. a simplestreams server. */
  server?: string;
  protocol?: 'incus' | 'simplestreams' | 'oci' | 'lxd';
  certificate?: string;
  secret?: string;
  /** Match an image by properties instead of alias/fingerprint. */
  properties?: Record<string, string>;
  allow_inconsistent?: boolean;
  /** Source instance name for `copy`. */
  source?: string;
  project?: string;
}

/** Device configuration: a device name maps to its string options (`type`, `path`, ...). */
export type Devices = Record<string, Record<string, string>>;

/** `POST /1.0/instances` body. */
export interface InstancesPost {
  name: string;
  type?: InstanceType;
  source: InstanceSource;
  config?: Record<string, string>;
  devices?: Devices;
  /** Omitted ⇒ the server applies the `default` profile; `[]` ⇒ no profile. */
  profiles?: string[];
  ephemeral?: boolean;
  description?: string;
  /** Cloud-style instance size, e.g. `c2-m4`. */
  instance_type?: string;
  architecture?: string;
  start?: boolean;
}

/** `PUT /1.0/instances/<name>` body: the writable part of an instance. */
export interface InstancePut {
  architecture?: string;
  config: Record<string, string>;
  devices: Devices;
  ephemeral?: boolean;
  profiles: string[];
  description?: string;
  stateful?: boolean;
}

/** `GET /1.0/instances/<name>`. */
export interface Instance extends InstancePut {
  name: string;
  type: InstanceType;
  status: string;
  status_code: number;
  architecture: string;
  created_at: string;
  last_used_at: string;
  location: string;
  project: string;
  expanded_config: Record<string, string>;
  expanded_devices: Devices;
}

/** One address of an instance network interface. */
export interface InstanceStateNetworkAddress {
  family: 'inet' | 'inet6';
  address: string;
  netmask: string;
  scope: 'global' | 'link' | 'local' | string;
}

/** One network interface in the instance state. */
export interface InstanceStateNetwork {
  addresses: InstanceStateNetworkAddress[];
  hwaddr: string;
  /** Host-side interface name (empty for interfaces without a host veth, e.g. CNI pods). */
  host_name: string;
  mtu: number;
  state: string;
  type: string;
}

/** `GET /1.0/instances/<name>/state`. */
export interface InstanceState {
  status: string;
  status_code: number;
  /** Init process id; 0 when stopped. */
  pid: number;
  processes: number;
  network: Record<string, InstanceStateNetwork> | null;
}

/** `GET /1.0/instances?recursion=2`: instance with its state. */
export interface InstanceFull extends Instance {
  state: InstanceState | null;
}

/** `PUT /1.0/instances/<name>/state` body. */
export interface InstanceStatePut {
  action: 'start' | 'stop' | 'restart' | 'freeze' | 'unfreeze';
  /** Seconds to wait for a clean stop before failing (or forcing); -1 waits forever. */
  timeout?: number;
  force?: boolean;
  stateful?: boolean;
}

/** A file template registered in instance metadata. */
export interface ImageMetadataTemplate {
  when: Array<'create' | 'copy' | 'start' | 'rename'>;
  create_only?: boolean;
  template: string;
  properties?: Record<string, string> | null;
}

/** `GET|PUT /1.0/instances/<name>/metadata` (image metadata of an instance). */
export interface InstanceMetadata {
  architecture: string;
  creation_date: number;
  expiry_date?: number;
  properties: Record<string, string>;
  templates: Record<string, ImageMetadataTemplate>;
}
