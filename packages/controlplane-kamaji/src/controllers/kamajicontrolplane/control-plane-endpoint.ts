import type { KamajiControlPlane } from '../../api/v1alpha2/kamaji-control-plane.js';

/** Where the tenant API server is reached. */
export interface Endpoint {
  host: string;
  port: number;
}

const HTTPS_PORT = 443;

/** Splits `host:port` (`[v6]:port` for IPv6) as Go's `net.SplitHostPort`; `undefined` when it is malformed. */
export function splitHostPort(address: string): { host: string; port?: number } | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(address);
  if (bracketed?.[1]) return { host: bracketed[1], ...(bracketed[2] ? { port: Number(bracketed[2]) } : {}) };
  const parts = address.split(':');
  if (parts.length === 1 && parts[0]) return { host: parts[0] };
  if (parts.length === 2 && parts[0] && /^\d+$/.test(parts[1] ?? '')) return { host: parts[0], port: Number(parts[1]) };
  return undefined;
}

/**
 * The control plane endpoint for the KamajiControlPlane: the TenantControlPlane's `status.controlPlaneEndpoint`
 * (`host:port`), unless the API server is exposed through an Ingress or a Gateway, whose hostname wins (with its
 * own port, or 443). `undefined` while Kamaji has not published an address yet.
 */
export function controlPlaneEndpoint(kcp: KamajiControlPlane, tcpEndpoint: string | undefined): Endpoint | undefined {
  if (!tcpEndpoint) return undefined;
  const exposed = kcp.spec.network.ingress?.hostname ?? kcp.spec.network.gateway?.hostname;
  const address = splitHostPort(exposed ?? tcpEndpoint);
  if (!address) return undefined;
  return { host: address.host, port: address.port ?? (exposed ? HTTPS_PORT : 6443) };
}
