import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapiLabel, capiTypes } from '../../src/capi/index.js';
import { builtin } from '../../src/client/index.js';
import { controllerBuilder } from '../../src/controller/index.js';
import { defineCustomResourceDefinition, defineResource, preserveUnknownFields } from '../../src/resource/index.js';
import {
  clusterApiCrdDirectory,
  createMachineWithBootstrapConfig,
  eventually,
  type ManagerHarness,
  startManagerHarness,
} from '../../src/testing/index.js';

const DevConfig = defineResource({
  group: 'bootstrap.cluster.x-k8s.io',
  version: 'v1beta1',
  kind: 'DevConfig',
  plural: 'devconfigs',
  scope: 'Namespaced',
  spec: preserveUnknownFields(),
});

const ns = 'default';
let h: ManagerHarness;
const reconciled: string[] = [];

beforeAll(async () => {
  h = await startManagerHarness({
    crds: [clusterApiCrdDirectory(), defineCustomResourceDefinition({ versions: [DevConfig] })],
    setup(manager) {
      manager.add(
        controllerBuilder({ cache: manager.cache, registry: manager.registry, logger: manager.logger })
          .named('dev-config')
          .for(DevConfig)
          .build(async (request) => {
            reconciled.push(request.name);
          }),
      );
    },
  });
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('startManagerHarness and createMachineWithBootstrapConfig', () => {
  it('runs the controllers set up, and links a Machine and its config as Cluster API does', async () => {
    const cluster = await h.client.create(capiTypes.cluster, {
      apiVersion: 'cluster.x-k8s.io/v1beta2',
      kind: 'Cluster',
      metadata: { namespace: ns, name: 'fixture' },
      spec: { controlPlaneEndpoint: { host: 'fixture.example.com', port: 6443 } },
    });
    const { machine, config } = await createMachineWithBootstrapConfig(h.client, cluster, 'cp-0', {
      configType: DevConfig,
      spec: { answer: 42 },
      controlPlane: true,
      version: 'v1.31.0',
    });
    expect(machine.metadata.labels).toEqual({ [CapiLabel.clusterName]: 'fixture', [CapiLabel.controlPlane]: '' });
    expect(machine.spec.bootstrap.configRef).toEqual({
      apiGroup: 'bootstrap.cluster.x-k8s.io',
      kind: 'DevConfig',
      name: 'cp-0',
    });
    expect(machine.spec.version).toBe('v1.31.0');
    expect(config.spec).toEqual({ answer: 42 });
    expect(config.metadata.labels).toEqual({ [CapiLabel.clusterName]: 'fixture' });
    expect(config.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Machine', name: 'cp-0', uid: machine.metadata.uid, controller: true }),
    ]);
    await eventually(() => expect(reconciled).toContain('cp-0'));
    expect(await h.reconciles('dev-config')).toBe(reconciled.length);
    expect(await h.reconciles()).toBe(reconciled.length);
    expect(await h.reconciles('no-such-controller')).toBe(0);
  });

  it('gives the test a client of its own', async () => {
    const writes: string[] = [];
    const unsubscribe = h.manager.client.observe((method, path) => writes.push(`${method} ${path}`));
    await h.client.create(builtin.configMap, { metadata: { namespace: ns, name: 'own-client' } });
    unsubscribe();
    expect(writes.filter((w) => w.includes('own-client'))).toEqual([]);
  });
});
