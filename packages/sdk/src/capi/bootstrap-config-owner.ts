import type { KubeObject } from '../client/object.js';
import { CapiLabel } from './constants.js';
import type { ObjectReader } from './object-reader.js';
import { getOwnerMachine, getOwnerMachinePool } from './owners.js';
import type { Machine, MachinePool } from './types.js';

/** The Machine or MachinePool a bootstrap config bootstraps, reduced to what a bootstrap provider needs. */
export interface BootstrapConfigOwner {
  object: Readonly<Machine> | Readonly<MachinePool>;
  kind: 'Machine' | 'MachinePool';
  clusterName: string;
  /** A control-plane Machine (MachinePools are always workers). */
  isControlPlane: boolean;
  /** The Kubernetes version to install, e.g. `v1.31.2`. */
  version: string | undefined;
  /** `spec.bootstrap.dataSecretName`, already set after a restore or a `clusterctl move`. */
  dataSecretName: string | undefined;
  /** Whether a Node already joined with this owner's data (a Machine's `nodeRef`, a MachinePool's `nodeRefs`). */
  hasNodeRefs: boolean;
}

/**
 * The owner of a bootstrap config (Cluster API's `bootstrap/util` `GetConfigOwner`): its Machine, else its MachinePool.
 * `undefined` until Cluster API has set the owner reference, or when the owner no longer exists.
 */
export async function getBootstrapConfigOwner(
  reader: ObjectReader,
  config: Readonly<KubeObject>,
): Promise<BootstrapConfigOwner | undefined> {
  const machine = await getOwnerMachine(reader, config);
  if (machine) {
    return {
      object: machine,
      kind: 'Machine',
      clusterName: machine.spec.clusterName,
      isControlPlane: machine.metadata.labels?.[CapiLabel.controlPlane] !== undefined,
      version: machine.spec.version,
      dataSecretName: machine.spec.bootstrap.dataSecretName,
      hasNodeRefs: machine.status?.nodeRef !== undefined,
    };
  }
  const pool = await getOwnerMachinePool(reader, config);
  if (pool) {
    const nodeRefs = (pool.status as { nodeRefs?: unknown[] } | undefined)?.nodeRefs;
    return {
      object: pool,
      kind: 'MachinePool',
      clusterName: pool.spec.clusterName,
      isControlPlane: false,
      version: pool.spec.template.spec.version,
      dataSecretName: pool.spec.template.spec.bootstrap.dataSecretName,
      hasNodeRefs: (nodeRefs?.length ?? 0) > 0,
    };
  }
  return undefined;
}
