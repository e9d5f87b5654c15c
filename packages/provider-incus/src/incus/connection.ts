/** The daemon's local unix socket (root or `incus-admin` group; trusted without certificates). */
export interface UnixEndpoint {
  kind: 'unix';
  socketPath: string;
}

/** The daemon's HTTPS listener (`core.https_address`) with a trusted client certificate. */
export interface HttpsEndpoint {
  kind: 'https';
  /** Base URL, e.g. `https://10.0.1.1:8443`. */
  url: string;
  /** PEM client certificate, trusted on the server. */
  clientCertificate: string;
  /** PEM private key of the client certificate. */
  clientKey: string;
  /**
   * PEM server (or cluster) certificate to pin. When absent the system CAs and the host name are
   * checked as for any HTTPS server.
   */
  serverCertificate?: string;
  /** Accept any server certificate. Off unless the user turns it on. */
  insecureSkipVerify?: boolean;
}

/** Where and how to reach the daemon. */
export type IncusEndpoint = UnixEndpoint | HttpsEndpoint;

/** Options of an Incus client. */
export interface IncusConnectionOptions {
  endpoint: IncusEndpoint;
  /** Project for every project-scoped call; empty ⇒ the server's default project. */
  project?: string;
  /** Send the legacy `X-LXD-*` file headers besides `X-Incus-*` (Canonical LXD reads only those). Default true. */
  lxdCompatibleHeaders?: boolean;
}

/** The default unix socket path of a Debian/Ubuntu packaged Incus daemon. */
export const defaultIncusSocketPath = '/var/lib/incus/unix.socket';
