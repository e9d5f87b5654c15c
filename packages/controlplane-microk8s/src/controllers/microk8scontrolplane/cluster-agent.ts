/**
 * The MicroK8s cluster agent's dqlite API, which CACPM calls to remove a departed control-plane node from the
 * datastore. The agent listens on every control-plane node; the call is made from one that stays.
 */

/** Ports of the cluster agent and dqlite, remapped when `clusterConfiguration.portCompatibilityRemap` is on. */
export function clusterAgentPorts(portCompatibilityRemap: boolean): { agent: number; dqlite: number } {
  return portCompatibilityRemap ? { agent: 30000, dqlite: 2379 } : { agent: 25000, dqlite: 19001 };
}

/** A request to remove a dqlite member. */
export interface DqliteRemoveRequest {
  /** The node the request is sent from (and to): a control-plane node that stays. */
  nodeName: string;
  /** Address of the cluster agent on that node. */
  agentAddress: string;
  /** The departing node's address. */
  removeAddress: string;
  portCompatibilityRemap: boolean;
  /** The `<cluster>-capi-auth-token` value. */
  authToken: string;
}

/** The HTTP request the cluster agent expects (CACPM's `pkg/clusteragent`). */
export interface ClusterAgentHttpRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The wire form of a dqlite removal: `POST /cluster/api/v2.0/dqlite/remove {"remove_endpoint": "<ip>:<port>"}`. */
export function dqliteRemoveHttpRequest(request: DqliteRemoveRequest): ClusterAgentHttpRequest {
  const ports = clusterAgentPorts(request.portCompatibilityRemap);
  return {
    method: 'POST',
    url: `https://${hostPort(request.agentAddress, ports.agent)}/cluster/api/v2.0/dqlite/remove`,
    headers: { 'capi-auth-token': request.authToken, 'Content-Type': 'application/json' },
    body: JSON.stringify({ remove_endpoint: hostPort(request.removeAddress, ports.dqlite) }),
  };
}

function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** Who performs cluster-agent calls; the controller depends on this interface only. */
export interface ClusterAgent {
  /** Asks the cluster agent to drop `removeAddress` from dqlite; resolves once the request was delivered. */
  removeFromDqlite(request: DqliteRemoveRequest): Promise<void>;
}
