import type { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';
import type { nova } from '../../openstack/index.js';

/**
 * Annotation counting how many times a server in ERROR was deleted and created again. It lives on the
 * OpenStackServer (not in status) so that it survives a `clusterctl move` and a status rebuild.
 */
export const ERROR_REPLACEMENTS_ANNOTATION = 'openstackserver.infrastructure.cluster.x-k8s.io/error-replacements';

/**
 * Annotation naming the last server replaced because of ERROR. A reconcile that reads the OpenStackServer before
 * the status written by the replacement reaches the cache still sees that server's id in ERROR: this tells it the
 * replacement was made (the new server is found by name) instead of counting it again.
 */
export const REPLACED_INSTANCE_ANNOTATION = 'openstackserver.infrastructure.cluster.x-k8s.io/error-replaced-instance';

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

/** Whether the Nova server `instanceID` is the one last replaced (the status in hand predates the replacement). */
export function alreadyReplaced(server: Readonly<OpenStackServer>, instanceID: string | undefined): boolean {
  return instanceID !== undefined && server.metadata.annotations?.[REPLACED_INSTANCE_ANNOTATION] === instanceID;
}

/** Records the replacement of the Nova server `instanceID`. */
export function countReplacement(server: OpenStackServer, instanceID: string | undefined): void {
  server.metadata.annotations = {
    ...server.metadata.annotations,
    [ERROR_REPLACEMENTS_ANNOTATION]: String(replacementsMade(server) + 1),
    ...(instanceID !== undefined ? { [REPLACED_INSTANCE_ANNOTATION]: instanceID } : {}),
  };
}

/** The message of an ERROR server: Nova's fault when it has one. */
export function errorMessage(server: nova.Server): string {
  const fault = server.fault;
  if (fault === undefined) return `server ${server.id} is in state ERROR (Nova reported no fault)`;
  const code = fault.code === undefined ? '' : ` (code ${fault.code})`;
  return `server ${server.id} is in state ERROR: ${fault.message}${code}`;
}
