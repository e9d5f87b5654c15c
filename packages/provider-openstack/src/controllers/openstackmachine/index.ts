/** The OpenStackMachine controller: the OpenStackServer of a Machine, its providerID, addresses and API server ingress. */
export { type OpenStackMachineControllerOptions, openStackMachineController } from './controller.js';
