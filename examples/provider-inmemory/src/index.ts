export { crds } from './api/crds.js';
export { GROUP, VERSION } from './api/v1alpha1/group.js';
export { InMemoryCluster, InMemoryClusterTemplate } from './api/v1alpha1/inmemorycluster.js';
export { InMemoryMachine, InMemoryMachineTemplate } from './api/v1alpha1/inmemorymachine.js';
export { InMemoryCloud, type Instance, type LoadBalancer } from './cloud.js';
export { inMemoryClusterBackend } from './cluster-backend.js';
export { type ControllerSettings, inMemoryControllers } from './controllers.js';
export { inMemoryMachineBackend, instanceName } from './machine-backend.js';
