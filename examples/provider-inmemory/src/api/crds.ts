import { defineCustomResourceDefinition } from '@capi-ts/sdk';
import { VERSION } from './v1alpha1/group.js';
import { InMemoryCluster, InMemoryClusterTemplate } from './v1alpha1/inmemorycluster.js';
import { InMemoryMachine, InMemoryMachineTemplate } from './v1alpha1/inmemorymachine.js';

/**
 * The CustomResourceDefinitions of the provider, each labelled with the contract it implements
 * (`cluster.x-k8s.io/v1beta2: v1alpha1`) so that Cluster API finds the version to read. `pnpm crds` writes them
 * to `config/crd/bases`; `pnpm crds:check` fails when the files are out of date.
 */
export const crds = [InMemoryCluster, InMemoryClusterTemplate, InMemoryMachine, InMemoryMachineTemplate].map((type) =>
  defineCustomResourceDefinition({ versions: [type], contract: { v1beta2: [VERSION] } }),
);
