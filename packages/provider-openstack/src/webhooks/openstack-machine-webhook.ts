import { FieldPath, field, jsonEqual, type Validator } from '@capi-ts/sdk';
import type { OpenStackMachine } from '../api/v1beta1/openstack-machine.js';
import { serverSpecCreateErrors } from './server-spec-rules.js';

/** Drops the spec fields an update may change: `identityRef` always, `providerID` while it was unset. */
function immutablePart(spec: Record<string, unknown>, providerIDWasSet: boolean): Record<string, unknown> {
  const { identityRef: _identityRef, providerID, ...rest } = spec;
  return providerIDWasSet ? { ...rest, providerID } : rest;
}

/**
 * OpenStackMachine admission (CAPO's `openStackMachineWebhook`): the create rules of a server spec, and a spec
 * that cannot change except `identityRef` and setting `providerID` once.
 */
export const openStackMachineValidator = {
  validateCreate: (machine) => serverSpecCreateErrors(machine.spec, (i) => FieldPath.of('spec', 'ports').index(i)),
  validateUpdate: (oldMachine, newMachine) => {
    const providerIDWasSet = oldMachine.spec.providerID !== undefined;
    const before = immutablePart(oldMachine.spec, providerIDWasSet);
    const after = immutablePart(newMachine.spec, providerIDWasSet);
    return jsonEqual(before, after) ? [] : [field.forbidden(FieldPath.of('spec'), 'cannot be modified')];
  },
} satisfies Validator<OpenStackMachine>;
