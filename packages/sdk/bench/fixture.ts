import { z } from 'zod';
import {
  builtin,
  defineCustomResourceDefinition,
  defineResource,
  type InferResource,
  type KubeClient,
} from '../src/index.js';

/** Namespace holding every benchmark object. */
export const BENCH_NAMESPACE = 'bench';

/** The benchmarked kind: a small namespaced custom resource with the `/status` subresource. */
export const Gadget = defineResource({
  group: 'bench.capi-ts.dev',
  version: 'v1',
  kind: 'Gadget',
  plural: 'gadgets',
  scope: 'Namespaced',
  spec: z.object({
    size: z.int32().min(0),
    color: z.enum(['red', 'green', 'blue']),
    clusterName: z.string(),
  }),
  status: z.object({
    ready: z.boolean().optional(),
    observedGeneration: z.int().optional(),
  }),
});

/** A benchmark object. */
export type Gadget = InferResource<typeof Gadget>;

/** The CRD of {@link Gadget}, installed in the benchmark's API server. */
export const gadgetCrd = defineCustomResourceDefinition({ versions: [Gadget] });

/** The name of the `index`-th benchmark object. */
export function gadgetName(index: number): string {
  return `gadget-${String(index).padStart(5, '0')}`;
}

/** The key of the `index`-th benchmark object. */
export function gadgetKey(index: number): { namespace: string; name: string } {
  return { namespace: BENCH_NAMESPACE, name: gadgetName(index) };
}

/** Runs `task(0..count-1)` with at most `parallelism` calls in flight. */
export async function forEachBounded(
  count: number,
  parallelism: number,
  task: (index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < count; index = next++) await task(index);
  };
  await Promise.all(Array.from({ length: Math.min(parallelism, count) }, lane));
}

/** Creates the namespace and `count` Gadgets, `parallelism` requests in flight. */
export async function createGadgets(client: KubeClient, count: number, parallelism: number): Promise<void> {
  await client.create(builtin.namespace, { metadata: { name: BENCH_NAMESPACE } });
  await forEachBounded(count, parallelism, (index) =>
    client.create(
      Gadget,
      Gadget.build({
        metadata: {
          ...gadgetKey(index),
          labels: { 'cluster.x-k8s.io/cluster-name': `cluster-${index % 50}` },
        },
        spec: { size: 0, color: (['red', 'green', 'blue'] as const)[index % 3]!, clusterName: `cluster-${index % 50}` },
      }),
    ),
  );
}
