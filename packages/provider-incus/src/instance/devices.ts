import type { Devices } from '../incus/api/instance.js';
import { InstanceSpecError } from './errors.js';

/**
 * Parses `LXCMachine.spec.devices` entries of the form `<device>,<key>=<value>[,<key>=<value>...]` into Incus
 * devices, as CAPN does: the device name ends at the first comma, each argument must contain `=` (the value
 * may contain more `=`), and later entries for the same device add keys to it.
 */
export function parseDevices(entries: readonly string[] | undefined): Devices {
  const devices: Devices = {};
  for (const entry of entries ?? []) {
    const comma = entry.indexOf(',');
    if (comma < 0) throw new InstanceSpecError(`device ${JSON.stringify(entry)} must be "<name>,<key>=<value>[,...]"`);
    const name = entry.slice(0, comma);
    const device = devices[name] ?? {};
    for (const argument of entry.slice(comma + 1).split(',')) {
      const equals = argument.indexOf('=');
      if (equals < 0) {
        throw new InstanceSpecError(
          `device ${JSON.stringify(entry)}: argument ${JSON.stringify(argument)} must be "<key>=<value>"`,
        );
      }
      device[argument.slice(0, equals)] = argument.slice(equals + 1);
    }
    devices[name] = device;
  }
  return devices;
}
