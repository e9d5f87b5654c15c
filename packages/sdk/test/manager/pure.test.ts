import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { KubeClient } from '../../src/client/kube-client.js';
import { parseBindAddress } from '../../src/manager/bind-address.js';
import { LeaderElector } from '../../src/manager/leader-election.js';
import { formatMicroTime } from '../../src/manager/micro-time.js';

describe('parseBindAddress', () => {
  it('reads controller-runtime style addresses', () => {
    expect(parseBindAddress(':8080')).toEqual({ host: '', port: 8080 });
    expect(parseBindAddress('127.0.0.1:0')).toEqual({ host: '127.0.0.1', port: 0 });
    expect(parseBindAddress('[::1]:8443')).toEqual({ host: '::1', port: 8443 });
    expect(parseBindAddress('localhost:9000')).toEqual({ host: 'localhost', port: 9000 });
  });

  it('treats "0" as disabled', () => {
    expect(parseBindAddress('0')).toBeUndefined();
  });

  it('rejects malformed addresses', () => {
    for (const bad of ['8080', '', 'host:', ':99999', '::1:80', 'a:b']) {
      expect(() => parseBindAddress(bad), bad).toThrow(/invalid bind address/);
    }
  });
});

describe('formatMicroTime', () => {
  it('writes the Kubernetes MicroTime layout with six fractional digits', () => {
    expect(formatMicroTime(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)))).toBe('2024-01-02T03:04:05.678000Z');
    expect(formatMicroTime(new Date(0))).toBe('1970-01-01T00:00:00.000000Z');
  });
});

describe('LeaderElector timings', () => {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'unused', server: 'https://127.0.0.1:1' }],
    users: [{ name: 'unused' }],
    contexts: [{ name: 'unused', cluster: 'unused', user: 'unused' }],
    currentContext: 'unused',
  });
  const base = { client: new KubeClient(kubeConfig), namespace: 'default', name: 'lease' };

  it('accepts controller-runtime defaults', () => {
    expect(() => new LeaderElector(base)).not.toThrow();
  });

  it('rejects timings client-go rejects', () => {
    expect(() => new LeaderElector({ ...base, leaseDurationMs: 10_000, renewDeadlineMs: 10_000 })).toThrow(
      /leaseDurationMs must be greater than renewDeadlineMs/,
    );
    expect(() => new LeaderElector({ ...base, renewDeadlineMs: 2_400, retryPeriodMs: 2_000 })).toThrow(
      /renewDeadlineMs must be greater than 1.2/,
    );
    expect(() => new LeaderElector({ ...base, retryPeriodMs: 0 })).toThrow(/retryPeriodMs/);
    expect(() => new LeaderElector({ ...base, identity: '' })).toThrow(/identity/);
    expect(() => new LeaderElector({ ...base, name: '' })).toThrow(/namespace and name/);
  });

  it('derives a unique identity from the host name', () => {
    const a = new LeaderElector(base);
    const b = new LeaderElector(base);
    expect(a.identity).toMatch(/^.+_[0-9a-f-]{36}$/);
    expect(a.identity).not.toBe(b.identity);
  });
});
