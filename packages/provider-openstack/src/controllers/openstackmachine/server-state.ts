import { getV1Beta1Conditions } from '@capi-ts/sdk';
import type { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';
import { alreadyReplaced, DEFAULT_MAX_ERROR_REPLACEMENTS, replacementsMade } from '../openstackserver/error-policy.js';
import { SERVER_CONDITION_LAYOUT } from '../openstackserver/status.js';
import { ConditionReason, ConditionType, FAILURE_REASON_UPDATE_ERROR } from '../shared/conditions.js';
import { setMachineCondition } from './conditions.js';
import { type MachineContext, statusOf } from './context.js';

/** The `InstanceReady` condition of the server, if its controller set one. */
function serverInstanceReady(server: Readonly<OpenStackServer>) {
  return getV1Beta1Conditions(server, SERVER_CONDITION_LAYOUT).find((c) => c.type === ConditionType.instanceReady);
}

/**
 * Whether the OpenStackServer controller gave up replacing the server in ERROR (see `error-policy.ts`): the
 * replacements are used up and the server in ERROR is not the one last replaced (the replacement's counter is
 * written just before its status, so for a moment the old server's ERROR is still in status).
 */
export function serverGaveUp(server: Readonly<OpenStackServer>, maxErrorReplacements: number | undefined): boolean {
  return (
    server.status?.instanceState === 'ERROR' &&
    !alreadyReplaced(server, server.status.instanceID) &&
    replacementsMade(server) >= (maxErrorReplacements ?? DEFAULT_MAX_ERROR_REPLACEMENTS)
  );
}

/**
 * A server that is not ready yet: its `InstanceReady` (reason, message and severity — the Nova fault of a server in
 * ERROR, a quota error, an invalid spec) becomes the machine's, where upstream keeps the machine silently waiting
 * (#3375). Once the OpenStackServer gave up on a server in ERROR, a machine without a Node also gets CAPO's
 * terminal `failureReason: UpdateError` with the fault as `failureMessage`, for a MachineHealthCheck to remediate.
 * The machine waits for the server's next change (watched), without polling.
 */
export function reportServerNotReady(
  context: MachineContext,
  server: Readonly<OpenStackServer>,
  maxErrorReplacements: number | undefined,
): void {
  const condition = serverInstanceReady(server);
  const T = ConditionType.instanceReady;
  if (condition === undefined || condition.status === 'True') {
    const message = `waiting for OpenStackServer ${server.metadata.name} to become ready`;
    setMachineCondition(context.object, T, 'False', ConditionReason.instanceNotReady, message, 'Info');
    return;
  }
  const reason = condition.reason || ConditionReason.instanceNotReady;
  const severity = condition.severity ?? 'Info';
  setMachineCondition(context.object, T, condition.status, reason, condition.message, severity);
  if (serverGaveUp(server, maxErrorReplacements) && context.machine.status?.nodeRef === undefined) {
    const status = statusOf(context);
    status.failureReason = FAILURE_REASON_UPDATE_ERROR;
    status.failureMessage = condition.message ?? `OpenStackServer ${server.metadata.name} is in state ERROR`;
  }
}
