/** `GET /1.0` environment block: what the daemon is and where it runs. */
export interface ServerEnvironment {
  addresses: string[];
  architectures: string[];
  certificate: string;
  certificate_fingerprint: string;
  driver: string;
  driver_version: string;
  firewall?: string;
  kernel: string;
  kernel_architecture: string;
  kernel_version: string;
  /** `incus` for Incus, `lxd` for Canonical LXD. */
  server: string;
  server_clustered: boolean;
  server_name: string;
  server_pid: number;
  server_version: string;
  storage: string;
  storage_version: string;
  project?: string;
}

/** `GET /1.0`: server information, API extensions and (for trusted clients) configuration. */
export interface ServerInfo {
  api_extensions: string[];
  api_status: string;
  api_version: string;
  /** `trusted` when the client certificate (or unix socket) is accepted. */
  auth: 'trusted' | 'untrusted';
  auth_methods?: string[];
  public: boolean;
  environment?: ServerEnvironment;
  config?: Record<string, unknown>;
}

/** The kind of daemon behind a connection, read from `environment.server`. */
export type ServerKind = 'incus' | 'lxd' | 'unknown';

/** Classifies a server as Incus, Canonical LXD or unknown (`environment.server`). */
export function serverKind(info: ServerInfo): ServerKind {
  const name = info.environment?.server;
  return name === 'incus' || name === 'lxd' ? name : 'unknown';
}
