import { Registry } from 'prom-client';
import type { KubeObject, ObjectMeta } from '../../src/client/object.js';
import { resourceType } from '../../src/client/resource-type.js';
import type { Controller, ControllerDependencies } from '../../src/controller/index.js';
import { silentLogger } from '../../src/log/index.js';
import type { Clock } from '../../src/queue/index.js';
import { parseExposition, sampleValue } from '../metrics/exposition.js';
import { FakeSource } from './fake-informer.js';

export const parentType = resourceType<KubeObject>('example.com/v1', 'Parent', 'parents', true);
export const childType = resourceType<KubeObject>('example.com/v1', 'Child', 'children', true);
export const clusterType = resourceType<KubeObject>('cluster.x-k8s.io/v1beta2', 'Cluster', 'clusters', true);

/** A namespaced object of `type` in namespace `ns`. */
export function object(
  type: { group: string; version: string; kind: string },
  name: string,
  metadata: Partial<ObjectMeta> = {},
  fields: Record<string, unknown> = {},
): KubeObject {
  const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
  return { apiVersion, kind: type.kind, metadata: { name, namespace: 'ns', generation: 1, ...metadata }, ...fields };
}

/** A fake informer source, a fresh registry and a silent logger. */
export function setup(clock?: Clock): { source: FakeSource; registry: Registry; deps: ControllerDependencies } {
  const source = new FakeSource();
  const registry = new Registry();
  return { source, registry, deps: { cache: source, registry, logger: silentLogger(), clock } };
}

/** Starts a controller; `stop` aborts it and waits until `start` has resolved. */
export function run(controller: Controller): { done: Promise<void>; stop: () => Promise<void> } {
  const abort = new AbortController();
  const done = controller.start(abort.signal);
  return {
    done,
    stop: async () => {
      abort.abort();
      await done;
    },
  };
}

/** The value of one sample of the registry's exposition; throws unless exactly one sample matches. */
export async function metric(registry: Registry, name: string, labels: Record<string, string>): Promise<number> {
  return sampleValue(parseExposition(await registry.metrics()).samples, name, labels);
}
