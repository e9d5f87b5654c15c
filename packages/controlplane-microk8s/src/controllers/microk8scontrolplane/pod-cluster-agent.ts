import type { KubeClient } from '@capi-ts/sdk';
import { type ClusterAgent, type DqliteRemoveRequest, dqliteRemoveHttpRequest } from './cluster-agent.js';
import { helperPod, podType } from './pods.js';

/** Where MicroK8s keeps its CA; the cluster agent's serving certificate is signed by it. */
const MICROK8S_CERTS = '/var/snap/microk8s/current/certs';
const NAMESPACE = 'default';

/** The Pod that delivers a dqlite removal from `request.nodeName`, verifying the agent with the MicroK8s CA. */
export function clusterAgentCallerPod(request: DqliteRemoveRequest) {
  const http = dqliteRemoveHttpRequest(request);
  return helperPod({
    name: `cluster-agent-caller-${request.nodeName}`.slice(0, 63).replace(/[-.]+$/, ''),
    namespace: NAMESPACE,
    nodeName: request.nodeName,
    restartPolicy: 'Never',
    hostPath: MICROK8S_CERTS,
    hostPathType: 'Directory',
    args: [
      '--cacert',
      `${MICROK8S_CERTS}/ca.crt`,
      '-X',
      http.method,
      ...Object.entries(http.headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
      '-d',
      http.body,
      http.url,
    ],
  });
}

/**
 * Calls the cluster agent as CACPM does: from a Pod on a remaining control-plane node of the workload cluster
 * (the agent is reachable there even when the management cluster cannot route to node addresses). A previous
 * caller Pod for the node is replaced; a 409 while it still terminates is thrown to the caller.
 */
export function podClusterAgent(workload: KubeClient): ClusterAgent {
  return {
    async removeFromDqlite(request) {
      const pod = clusterAgentCallerPod(request);
      const key = { namespace: NAMESPACE, name: pod.metadata.name as string };
      await workload.delete(podType, key, { gracePeriodSeconds: 0 });
      await workload.create(podType, pod);
    },
  };
}
