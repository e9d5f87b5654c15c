import { register as globalRegistry, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { controllerMetrics, createMetricsRegistry, workqueueMetrics } from '../../src/metrics/index.js';
import { QueuePriority, WorkQueue } from '../../src/queue/index.js';
import { ManualClock } from '../queue/manual-clock.js';
import { parseExposition, sampleValue } from './exposition.js';

async function scrape(registry: Registry) {
  return parseExposition(await registry.metrics());
}

describe('controller metrics', () => {
  it('exposes controller-runtime names, types and labels, initialised to zero', async () => {
    const registry = new Registry();
    controllerMetrics(registry).initialize('lxcmachine', 4);
    const { samples, types } = await scrape(registry);

    expect(Object.fromEntries(types)).toEqual({
      controller_runtime_reconcile_total: 'counter',
      controller_runtime_reconcile_errors_total: 'counter',
      controller_runtime_terminal_reconcile_errors_total: 'counter',
      controller_runtime_reconcile_panics_total: 'counter',
      controller_runtime_reconcile_time_seconds: 'histogram',
      controller_runtime_max_concurrent_reconciles: 'gauge',
      controller_runtime_active_workers: 'gauge',
    });
    for (const result of ['success', 'error', 'requeue', 'requeue_after']) {
      expect(sampleValue(samples, 'controller_runtime_reconcile_total', { controller: 'lxcmachine', result })).toBe(0);
    }
    const totals = samples.filter((s) => s.name === 'controller_runtime_reconcile_total');
    expect(totals.every((s) => Object.keys(s.labels).sort().join() === 'controller,result')).toBe(true);
    expect(sampleValue(samples, 'controller_runtime_max_concurrent_reconciles', { controller: 'lxcmachine' })).toBe(4);
    expect(sampleValue(samples, 'controller_runtime_active_workers', { controller: 'lxcmachine' })).toBe(0);
    expect(sampleValue(samples, 'controller_runtime_reconcile_time_seconds_count', { controller: 'lxcmachine' })).toBe(
      0,
    );
    const buckets = samples.filter((s) => s.name === 'controller_runtime_reconcile_time_seconds_bucket');
    expect(buckets.map((s) => s.labels.le)).toContain('60');
    expect(buckets.map((s) => s.labels.le).at(-1)).toBe('+Inf');
  });

  it('shares the metric objects within a registry and keeps registries apart', async () => {
    const a = new Registry();
    const b = new Registry();
    expect(controllerMetrics(a)).toBe(controllerMetrics(a));
    controllerMetrics(a).reconcileErrors.inc({ controller: 'x' });
    controllerMetrics(b).initialize('x', 1);
    expect(
      sampleValue((await scrape(a)).samples, 'controller_runtime_reconcile_errors_total', { controller: 'x' }),
    ).toBe(1);
    expect(
      sampleValue((await scrape(b)).samples, 'controller_runtime_reconcile_errors_total', { controller: 'x' }),
    ).toBe(0);
    expect(globalRegistry.getSingleMetric('controller_runtime_reconcile_errors_total')).toBeUndefined();
  });
});

describe('work queue metrics', () => {
  it('exposes controller-runtime names and labels, fed by a WorkQueue', async () => {
    const registry = new Registry();
    const clock = new ManualClock();
    const queue = new WorkQueue({ clock, metrics: workqueueMetrics(registry).forQueue('lxccluster') });
    const labels = { name: 'lxccluster', controller: 'lxccluster' };

    queue.add('ns/a', { priority: QueuePriority.low });
    queue.add('ns/a');
    queue.add('ns/b');
    queue.addAfter('ns/c', 1000);
    queue.addRateLimited('ns/d');
    clock.advance(500);
    const item = await queue.get();
    expect(item?.key).toBe('ns/a');
    clock.advance(3000);

    const { samples, types, help } = await scrape(registry);
    expect(Object.fromEntries(types)).toEqual({
      workqueue_depth: 'gauge',
      workqueue_adds_total: 'counter',
      workqueue_queue_duration_seconds: 'histogram',
      workqueue_work_duration_seconds: 'histogram',
      workqueue_unfinished_work_seconds: 'gauge',
      workqueue_longest_running_processor_seconds: 'gauge',
      workqueue_retries_total: 'counter',
    });
    expect(help.get('workqueue_adds_total')).toBe('Total number of adds handled by workqueue');
    // a, b, d (after 5 ms) and c (after 1 s) became ready; a was raised from low to normal and handed out.
    expect(sampleValue(samples, 'workqueue_adds_total', labels)).toBe(4);
    expect(sampleValue(samples, 'workqueue_depth', { ...labels, priority: '0' })).toBe(3);
    expect(sampleValue(samples, 'workqueue_depth', { ...labels, priority: '-100' })).toBe(0);
    expect(sampleValue(samples, 'workqueue_retries_total', labels)).toBe(2);
    expect(sampleValue(samples, 'workqueue_queue_duration_seconds_count', labels)).toBe(1);
    expect(sampleValue(samples, 'workqueue_queue_duration_seconds_sum', labels)).toBeCloseTo(0.5);
    expect(sampleValue(samples, 'workqueue_unfinished_work_seconds', labels)).toBeCloseTo(3);
    expect(sampleValue(samples, 'workqueue_longest_running_processor_seconds', labels)).toBeCloseTo(3);
    for (const sample of samples.filter((s) => s.name !== 'workqueue_depth')) {
      expect(
        Object.keys(sample.labels)
          .filter((k) => k !== 'le')
          .sort(),
      ).toEqual(['controller', 'name']);
    }

    queue.done('ns/a');
    const after = (await scrape(registry)).samples;
    expect(sampleValue(after, 'workqueue_work_duration_seconds_sum', labels)).toBeCloseTo(3);
    expect(sampleValue(after, 'workqueue_unfinished_work_seconds', labels)).toBe(0);
    expect(sampleValue(after, 'workqueue_longest_running_processor_seconds', labels)).toBe(0);
    queue.shutDown();
  });
});

describe('createMetricsRegistry', () => {
  it('collects process metrics unless told not to, and never uses the global registry', async () => {
    const withProcess = createMetricsRegistry();
    const bare = createMetricsRegistry({ processMetrics: false });
    expect(withProcess).not.toBe(globalRegistry);
    expect((await scrape(withProcess)).types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect((await bare.metrics()).trim()).toBe('');
  });
});
