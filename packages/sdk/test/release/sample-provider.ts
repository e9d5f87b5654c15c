// biome-ignore-all lint/suspicious/noTemplateCurlyInString: clusterctl variables are written ${LIKE_THIS}.
import type { ComponentsSpec } from '../../src/release/index.js';

const openSchema = { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } };

function version(name: string, storage: boolean) {
  return { name, served: true, storage, schema: openSchema, subresources: { status: {} } };
}

/** A two-version Cluster API infrastructure kind, converted by the manager's webhook. */
export const sampleMachineCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: {
    name: 'samplemachines.infrastructure.cluster.x-k8s.io',
    labels: { 'cluster.x-k8s.io/v1beta2': 'v1alpha2' },
  },
  spec: {
    group: 'infrastructure.cluster.x-k8s.io',
    names: {
      kind: 'SampleMachine',
      listKind: 'SampleMachineList',
      plural: 'samplemachines',
      singular: 'samplemachine',
    },
    scope: 'Namespaced',
    versions: [version('v1alpha1', false), version('v1alpha2', true)],
  },
};

/** A single-version kind in an API group of its own, so Cluster API core must be granted access to it. */
export const sampleCredentialCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'samplecredentials.sample.example.com' },
  spec: {
    group: 'sample.example.com',
    names: {
      kind: 'SampleCredential',
      listKind: 'SampleCredentialList',
      plural: 'samplecredentials',
      singular: 'samplecredential',
    },
    scope: 'Namespaced',
    versions: [version('v1', true)],
  },
};

/** The components of a sample infrastructure provider, with every feature the release module supports. */
export const sampleSpec: ComponentsSpec = {
  provider: { name: 'sample', type: 'InfrastructureProvider' },
  namePrefix: 'capx',
  image: 'registry.example.com/capx-manager:${CAPX_VERSION:=v0.1.0}',
  crds: [sampleMachineCrd, sampleCredentialCrd],
  rbac: {
    clusterRules: [
      {
        apiGroups: ['infrastructure.cluster.x-k8s.io'],
        resources: ['samplemachines', 'samplemachines/status'],
        verbs: ['get', 'list', 'watch', 'update', 'patch'],
      },
      { apiGroups: ['cluster.x-k8s.io'], resources: ['clusters', 'machines'], verbs: ['get', 'list', 'watch'] },
    ],
    namespaceRules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }],
  },
  manager: {
    extraArgs: ['--concurrency=${CAPX_CONCURRENCY:=10}'],
    env: [{ name: 'SAMPLE_ENDPOINT', value: '${SAMPLE_ENDPOINT}' }],
  },
  webhooks: {
    validating: [
      {
        name: 'validation.samplemachine.infrastructure.cluster.x-k8s.io',
        path: '/validate-infrastructure-cluster-x-k8s-io-v1alpha2-samplemachine',
        rules: [
          {
            apiGroups: ['infrastructure.cluster.x-k8s.io'],
            apiVersions: ['v1alpha2'],
            operations: ['CREATE', 'UPDATE'],
            resources: ['samplemachines'],
          },
        ],
      },
    ],
    mutating: [
      {
        name: 'default.samplemachine.infrastructure.cluster.x-k8s.io',
        path: '/mutate-infrastructure-cluster-x-k8s-io-v1alpha2-samplemachine',
        rules: [
          {
            apiGroups: ['infrastructure.cluster.x-k8s.io'],
            apiVersions: ['v1alpha2'],
            operations: ['CREATE', 'UPDATE'],
            resources: ['samplemachines'],
          },
        ],
      },
    ],
    conversion: {},
  },
};
