import { ConditionLayouts, type ConditionSeverity, getV1Beta1Conditions, setV1Beta1Condition } from '@capi-ts/sdk';
import type { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';
import { ConditionType } from '../shared/conditions.js';

/** OpenStackServer keeps Cluster API v1beta1 conditions in `status.conditions` (it has no v1beta2 list). */
export const SERVER_CONDITION_LAYOUT = ConditionLayouts.v1beta1;

/** The conditions this controller owns. */
export const SERVER_OWNED_CONDITIONS = [
  ConditionType.ready,
  ConditionType.instanceReady,
  ConditionType.floatingAddressFromPoolReady,
];

/** Sets `InstanceReady=True`. */
export function instanceReady(server: OpenStackServer): void {
  setV1Beta1Condition(server, { type: ConditionType.instanceReady, status: 'True' }, SERVER_CONDITION_LAYOUT);
}

/** Sets `InstanceReady` False (or Unknown) with a reason, message and severity. */
export function instanceNotReady(
  server: OpenStackServer,
  reason: string,
  message: string,
  severity: ConditionSeverity = 'Info',
  status: 'False' | 'Unknown' = 'False',
): void {
  setV1Beta1Condition(
    server,
    { type: ConditionType.instanceReady, status, reason, message, severity },
    SERVER_CONDITION_LAYOUT,
  );
}

/** Sets `FloatingAddressFromPoolReady=True`. */
export function floatingAddressReady(server: OpenStackServer): void {
  setV1Beta1Condition(
    server,
    { type: ConditionType.floatingAddressFromPoolReady, status: 'True' },
    SERVER_CONDITION_LAYOUT,
  );
}

/** Sets `FloatingAddressFromPoolReady=False` with a reason, message and severity. */
export function floatingAddressNotReady(
  server: OpenStackServer,
  reason: string,
  message: string,
  severity: ConditionSeverity,
): void {
  setV1Beta1Condition(
    server,
    { type: ConditionType.floatingAddressFromPoolReady, status: 'False', reason, message, severity },
    SERVER_CONDITION_LAYOUT,
  );
}

/** The current `FloatingAddressFromPoolReady` condition. */
export function floatingAddressCondition(server: Readonly<OpenStackServer>) {
  return getV1Beta1Conditions(server, SERVER_CONDITION_LAYOUT).find(
    (c) => c.type === ConditionType.floatingAddressFromPoolReady,
  );
}

/** The current `InstanceReady` condition. */
export function instanceReadyCondition(server: Readonly<OpenStackServer>) {
  return getV1Beta1Conditions(server, SERVER_CONDITION_LAYOUT).find((c) => c.type === ConditionType.instanceReady);
}

/** `Ready` mirrors `InstanceReady` (CAPO summarises the one condition it owns). */
export function setReadySummary(server: OpenStackServer): void {
  const instance = instanceReadyCondition(server);
  if (instance === undefined) return;
  setV1Beta1Condition(
    server,
    {
      type: ConditionType.ready,
      status: instance.status,
      ...(instance.reason ? { reason: instance.reason } : {}),
      ...(instance.message ? { message: instance.message } : {}),
      ...(instance.severity ? { severity: instance.severity } : {}),
    },
    SERVER_CONDITION_LAYOUT,
  );
}

/** Milliseconds since `InstanceReady` last changed (0 when it never did): the age of what the server waits for. */
export function waitingForMs(server: Readonly<OpenStackServer>, now: number): number {
  const since = instanceReadyCondition(server)?.lastTransitionTime ?? server.metadata.creationTimestamp;
  return since === undefined ? 0 : Math.max(0, now - Date.parse(since));
}
