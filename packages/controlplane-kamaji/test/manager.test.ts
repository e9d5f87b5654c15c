import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FlagError } from '@capi-ts/sdk';
import { describe, expect, it } from 'vitest';
import { createManager } from '../src/manager.js';

const kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), 'kamaji-manager-')), 'kubeconfig');
writeFileSync(
  kubeconfig,
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]',
    'users: [{name: u, user: {token: t}}]',
    'contexts: [{name: x, context: {cluster: c, user: u, namespace: kamaji-system}}]',
    'current-context: x',
  ].join('\n'),
);
const standard = ['--kubeconfig', kubeconfig, '--metrics-bind-address=0', '--health-probe-bind-address=0'];

describe('createManager', () => {
  it('accepts the flags of the components YAML', () => {
    const manager = createManager([
      ...standard,
      '--leader-elect',
      '--feature-gates=ExternalClusterReference=false,ExternalClusterReferenceCrossNamespace=false,SkipInfraClusterPatch=false,DynamicInfrastructureClusterPatch=true',
      '--dynamic-infrastructure-clusters=OscCluster',
      '--max-concurrent-reconciles=2',
    ]);
    expect(manager).toBeDefined();
  });

  it('refuses unknown flags and inconsistent provider flags before starting', () => {
    expect(() => createManager([...standard, '--no-such-flag'])).toThrow(FlagError);
    expect(() => createManager([...standard, '--dynamic-infrastructure-clusters=OscCluster'])).toThrow(
      /DynamicInfrastructureClusterPatch/,
    );
  });
});
