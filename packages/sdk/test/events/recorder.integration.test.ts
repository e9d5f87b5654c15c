import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtin, type KubeEvent } from '../../src/client/builtin.js';
import { silentLogger } from '../../src/log/logger.js';
import { Manager } from '../../src/manager/manager.js';
import { eventually, startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';

describe('EventRecorder against the API server', () => {
  let env: TestEnvironment;
  let manager: Manager;

  beforeAll(async () => {
    env = await startTestEnvironment();
    manager = new Manager({
      kubeConfig: env.kubeConfig,
      logger: silentLogger(),
      metricsBindAddress: '0',
      healthProbeBindAddress: '0',
    });
  });
  afterAll(async () => {
    await env?.stop();
  });

  const eventsAbout = async (name: string, namespace = 'default'): Promise<KubeEvent[]> =>
    (await manager.client.list(builtin.event, { namespace })).items.filter((e) => e.involvedObject.name === name);

  it('writes Events the API server accepts, and counts an identical one on the same Event', async () => {
    const configMap = await manager.client.create(builtin.configMap, {
      metadata: { namespace: 'default', name: 'events-subject' },
      data: { a: 'b' },
    });
    const recorder = manager.eventRecorder('test-controller');
    expect(manager.eventRecorder('test-controller')).toBe(recorder);

    recorder.normal(configMap, 'Synced', 'synced the config map');
    recorder.normal(configMap, 'Synced', 'synced the config map');
    recorder.warning(configMap, 'Failed', `failed: ${'z'.repeat(2000)}`);
    await recorder.flush();

    await eventually(async () => {
      const events = await eventsAbout('events-subject');
      expect(events).toHaveLength(2);
      const synced = events.find((e) => e.reason === 'Synced');
      expect(synced).toMatchObject({
        type: 'Normal',
        message: 'synced the config map',
        count: 2,
        source: { component: 'test-controller' },
        reportingComponent: 'test-controller',
        involvedObject: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          name: 'events-subject',
          namespace: 'default',
          uid: configMap.metadata.uid,
          resourceVersion: configMap.metadata.resourceVersion,
        },
      });
      expect(synced?.metadata.name).toMatch(/^events-subject\.[0-9a-f]{16}$/);
      const failed = events.find((e) => e.reason === 'Failed');
      expect(failed).toMatchObject({ type: 'Warning', count: 1 });
      expect(failed?.message).toHaveLength(1024);
    });
  });

  it('writes the Events recorded before the manager stops by the time it has stopped', async () => {
    const stopping = new Manager({
      kubeConfig: env.kubeConfig,
      logger: silentLogger(),
      metricsBindAddress: '0',
      healthProbeBindAddress: '0',
    });
    const stop = new AbortController();
    const running = stopping.start(stop.signal);
    const configMap = await manager.client.create(builtin.configMap, {
      metadata: { namespace: 'default', name: 'events-at-shutdown' },
    });
    const recorder = stopping.eventRecorder('stopping-controller');
    for (let i = 0; i < 40; i++) recorder.normal(configMap, `Step${i}`, `step ${i}`);
    stop.abort();
    await running;
    expect((await eventsAbout('events-at-shutdown')).map((e) => e.reason).sort()).toEqual(
      Array.from({ length: 40 }, (_, i) => `Step${i}`).sort(),
    );
  });

  it('records Events about a cluster-scoped object in the default namespace', async () => {
    const namespace = await manager.client.create(builtin.namespace, { metadata: { name: 'events-cluster-scoped' } });
    const recorder = manager.eventRecorder('test-controller');
    recorder.normal(namespace, 'Seen', 'saw the namespace');
    await recorder.flush();
    await eventually(async () => {
      const events = await eventsAbout('events-cluster-scoped');
      expect(events).toEqual([expect.objectContaining({ reason: 'Seen', count: 1 })]);
    });
  });
});
