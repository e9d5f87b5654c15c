import {
  type Controller,
  type InfraControllerHost,
  infraClusterController,
  infraMachineController,
} from '@capi-ts/sdk';
import { GROUP } from './api/v1alpha1/group.js';
import { InMemoryCluster } from './api/v1alpha1/inmemorycluster.js';
import { InMemoryMachine } from './api/v1alpha1/inmemorymachine.js';
import type { InMemoryCloud } from './cloud.js';
import { inMemoryClusterBackend } from './cluster-backend.js';
import { inMemoryMachineBackend } from './machine-backend.js';

/** The flags the controllers read (`parseManagerFlags` gives both). */
export interface ControllerSettings {
  concurrency?: number;
  watchFilter?: string;
}

/** The provider's controllers, ready for `manager.add()`. */
export function inMemoryControllers(
  manager: InfraControllerHost,
  cloud: InMemoryCloud,
  settings: ControllerSettings = {},
): Controller[] {
  const { concurrency, watchFilter } = settings;
  return [
    infraClusterController({
      manager,
      type: InMemoryCluster,
      backend: inMemoryClusterBackend(cloud),
      finalizer: `inmemorycluster.${GROUP}`,
      concurrency,
      watchFilter,
    }),
    infraMachineController({
      manager,
      type: InMemoryMachine,
      backend: inMemoryMachineBackend(cloud),
      finalizer: `inmemorymachine.${GROUP}`,
      concurrency,
      watchFilter,
    }),
  ];
}
