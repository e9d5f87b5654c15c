import { type FieldError, FieldPath, field } from '@capi-ts/sdk';
import type { OpenStackMachineSpec } from '../api/v1beta1/machine-spec.js';

type ServerSpec = Pick<OpenStackMachineSpec, 'rootVolume' | 'additionalBlockDevices' | 'ports'>;

/** The name the root volume takes among a server's block devices. */
const ROOT_DEVICE_NAME = 'root';

/**
 * Create-time rules of a server spec (OpenStackMachine and OpenStackServer) that the schema cannot say: no
 * additional block device named `root` next to a root volume, and no security groups on a port whose port security
 * is disabled. `portPath` names the offending port (CAPO names the port for machines, the list for servers).
 */
export function serverSpecCreateErrors(spec: ServerSpec, portPath: (index: number) => FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (spec.rootVolume && spec.additionalBlockDevices) {
    for (const device of spec.additionalBlockDevices) {
      if (device.name === ROOT_DEVICE_NAME) {
        errors.push(
          field.forbidden(
            FieldPath.of('spec', 'additionalBlockDevices'),
            `cannot contain a device named "${ROOT_DEVICE_NAME}" when rootVolume is set`,
          ),
        );
      }
    }
  }
  (spec.ports ?? []).forEach((port, index) => {
    if (port.disablePortSecurity === true && (port.securityGroups?.length ?? 0) > 0) {
      errors.push(
        field.forbidden(portPath(index), 'cannot have security groups when DisablePortSecurity is set to true'),
      );
    }
  });
  return errors;
}
