export { type LXCMachineControllerOptions, lxcMachineController } from './controller.js';
export { IncusEventHub, instanceNameOf } from './incus-event-hub.js';
export { ADDRESS_RECHECK_MS, PROVIDER_ID_PREFIX } from './machine-backend.js';
