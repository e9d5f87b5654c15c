import { resourceType } from '../client/resource-type.js';
import type {
  Cluster,
  ClusterClass,
  Machine,
  MachineDeployment,
  MachineHealthCheck,
  MachinePool,
  MachineSet,
} from './types.js';

const API_VERSION = 'cluster.x-k8s.io/v1beta2';

/** The Cluster API core kinds at the version the v1beta2 contract reads them. */
export const capiTypes = {
  cluster: resourceType<Cluster>(API_VERSION, 'Cluster', 'clusters', true),
  machine: resourceType<Machine>(API_VERSION, 'Machine', 'machines', true),
  machineSet: resourceType<MachineSet>(API_VERSION, 'MachineSet', 'machinesets', true),
  machineDeployment: resourceType<MachineDeployment>(API_VERSION, 'MachineDeployment', 'machinedeployments', true),
  machinePool: resourceType<MachinePool>(API_VERSION, 'MachinePool', 'machinepools', true),
  clusterClass: resourceType<ClusterClass>(API_VERSION, 'ClusterClass', 'clusterclasses', true),
  machineHealthCheck: resourceType<MachineHealthCheck>(API_VERSION, 'MachineHealthCheck', 'machinehealthchecks', true),
} as const;
