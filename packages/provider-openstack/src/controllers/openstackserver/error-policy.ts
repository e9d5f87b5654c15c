import type { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';
import type { nova } from '../../openstack/index.js';

/**
 * Annotation counting how many times a server in ERROR was deleted and created again. It lives on the
 * OpenStackServer (not in status) so that it survives a `clusterctl move` and a status rebuild.
 */
export const ERROR_REPLACEMENTS_ANNOTATION = 'openstackserver.infrastructure.cluster.x-k8s.io/error-replacements';

/** How many times a server that went to ERROR is replaced before the OpenStackServer gives up (default). */
export const DEFAULT_MAX_ERROR_REPLACEMENTS = 3;

/**
 * The replacement policy for servers in ERROR (upstream leaves them, and the Machine, stuck forever):
 * 1. the Nova `fault` (message and code) goes into `InstanceReady`/`Ready` with reason `InstanceStateError`,
 *    severity Error, and from there into the OpenStackMachine and the Machine;
 * 2. while fewer than `maxReplacements` replacements were made, the server is deleted (its ports are kept, its
 *    volumes go with it), the counter annotation is incremented, and a new server with the same name is created;
 * 3. after that the OpenStackServer stays in ERROR with the last fault: it is terminal, and the owning
 *    OpenStackMachine reports `failureReason`/`failureMessage` so that a MachineHealthCheck can remediate.
 */
export function replacementsMade(server: Readonly<OpenStackServer>): number {
  const value = Number.parseInt(server.metadata.annotations?.[ERROR_REPLACEMENTS_ANNOTATION] ?? '0', 10);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** Records one more replacement. */
export function countReplacement(server: OpenStackServer): void {
  server.metadata.annotations = {
    ...server.metadata.annotations,
    [ERROR_REPLACEMENTS_ANNOTATION]: String(replacementsMade(server) + 1),
  };
}

/** The message of an ERROR server: Nova's fault when it has one. */
export function errorMessage(server: nova.Server): string {
  const fault = server.fault;
  if (fault === undefined) return `server ${server.id} is in state ERROR (Nova reported no fault)`;
  const code = fault.code === undefined ? '' : ` (code ${fault.code})`;
  return `server ${server.id} is in state ERROR: ${fault.message}${code}`;
}
