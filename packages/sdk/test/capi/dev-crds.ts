import { resourceType } from '../../src/client/resource-type.js';
import type { KubeObject } from '../../src/index.js';

/**
 * Small provider CRDs for the integration tests: an infrastructure machine, its template and a bootstrap config,
 * each served at v1alpha1 and v1beta1 and declaring the v1beta2 contract with both versions.
 */
function crd(group: string, kind: string, plural: string): KubeObject {
  const schema = {
    openAPIV3Schema: {
      type: 'object',
      properties: {
        spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}`, labels: { 'cluster.x-k8s.io/v1beta2': 'v1alpha1_v1beta1' } },
    spec: {
      group,
      scope: 'Namespaced',
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase() },
      versions: ['v1alpha1', 'v1beta1'].map((name) => ({
        name,
        served: true,
        storage: name === 'v1beta1',
        schema,
        subresources: { status: {} },
      })),
    },
  };
}

const INFRA = 'infrastructure.cluster.x-k8s.io';
const BOOTSTRAP = 'bootstrap.cluster.x-k8s.io';

export const devCrds = [
  crd(INFRA, 'DevMachine', 'devmachines'),
  crd(INFRA, 'DevMachineTemplate', 'devmachinetemplates'),
  crd(BOOTSTRAP, 'DevConfig', 'devconfigs'),
];

export const devTypes = {
  devMachine: resourceType(`${INFRA}/v1beta1`, 'DevMachine', 'devmachines', true),
  devMachineTemplate: resourceType(`${INFRA}/v1beta1`, 'DevMachineTemplate', 'devmachinetemplates', true),
  devConfig: resourceType(`${BOOTSTRAP}/v1beta1`, 'DevConfig', 'devconfigs', true),
};
