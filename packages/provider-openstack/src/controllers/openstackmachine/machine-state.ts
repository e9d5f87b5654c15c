import type { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';
import type { nova } from '../../openstack/index.js';
import { ConditionReason, ConditionType } from '../shared/conditions.js';
import { machineAddresses } from '../shared/machine-addresses.js';
import { openStackProviderId } from '../shared/provider-id.js';
import { setMachineCondition } from './conditions.js';
import { type MachineContext, statusOf } from './context.js';

/** `status.addresses` from the Nova server, in CAPO's order with the server name as InternalDNS. */
export function recordAddresses(context: MachineContext, instance: Readonly<nova.Server>): void {
  const byNetwork = Object.fromEntries(
    Object.entries(instance.addresses).map(([network, list]) => [
      network,
      list.map((a) => ({ addr: a.addr, version: a.version, type: a['OS-EXT-IPS:type'] })),
    ]),
  );
  statusOf(context).addresses = machineAddresses(byNetwork, instance.name);
}

/**
 * The machine state from its ready OpenStackServer (CAPO's `reconcileMachineState`): ACTIVE sets
 * `InstanceReady=True`, `spec.providerID` (`openstack://<the machine's identityRef.region>/<id>`, as CAPO),
 * `status.instanceID`, `status.ready` and `status.initialization.provisioned`; a server still building or in another
 * state (SHUTOFF, MIGRATING, ...) leaves the machine not ready until the server's next change. Returns whether the
 * instance is ACTIVE.
 */
export function reconcileMachineState(context: MachineContext, server: Readonly<OpenStackServer>): boolean {
  const { object } = context;
  const state = server.status?.instanceState ?? '';
  const id = server.status?.instanceID ?? '';
  const T = ConditionType.instanceReady;
  switch (state) {
    case 'ACTIVE': {
      setMachineCondition(object, T, 'True');
      // Immutable once set (webhook): a replacement server keeps the machine's first providerID.
      object.spec.providerID ??= openStackProviderId(object.spec.identityRef?.region, id);
      const status = statusOf(context);
      status.instanceID = id;
      status.ready = true;
      status.initialization = { ...status.initialization, provisioned: true };
      return true;
    }
    case 'BUILD':
    case '':
      setMachineCondition(object, T, 'False', ConditionReason.instanceNotReady, `server ${id} is building`, 'Info');
      return false;
    default:
      setMachineCondition(
        object,
        T,
        'Unknown',
        ConditionReason.instanceNotReady,
        `Instance state is not handled: ${state}`,
      );
      return false;
  }
}
