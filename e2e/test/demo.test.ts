import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ensureIncus } from '../../packages/provider-incus/test-support/index.js';
import { clusterInstances } from '../src/incus-microk8s-cluster.js';

const run = promisify(execFile);
const e2eRoot = path.resolve(import.meta.dirname, '..');
const incus = await ensureIncus();
if (!incus.available) console.warn(`the demo test is skipped: ${incus.reason}`);

// The README's main command, `pnpm demo`, run as a user would, with --exit-when-ready so that it cleans up and exits
// once the sample cluster is provisioned instead of waiting for Ctrl-C.
describe.skipIf(!incus.available)('the main demo', () => {
  it('brings up the management plane, provisions the sample Incus + MicroK8s cluster, shows it with clusterctl describe and cleans up', async () => {
    if (!incus.available) return;
    const { stdout } = await run('pnpm', ['exec', 'tsx', '--conditions=source', 'src/demo.ts', '--exit-when-ready'], {
      cwd: e2eRoot,
      timeout: 840_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const cluster = /clusterctl generate cluster (demo-[a-z0-9]+) --from/.exec(stdout)?.[1] ?? '';
    expect(cluster).not.toBe('');
    expect(stdout).toContain('Installing provider="infrastructure-incus"');
    expect(stdout).toMatch(/infrastructure-incus: ready/);
    expect(stdout).toMatch(new RegExp(`^Cluster default/${cluster}\\b`, 'm'));
    expect(stdout).toMatch(new RegExp(`MicroK8sControlPlane default/${cluster}-control-plane`));
    expect(stdout).toMatch(new RegExp(`MachineDeployment default/${cluster}-md-0, v1\\.33\\.0\\s+2/2\\s`));
    const workerRows = stdout.match(new RegExp(`Machine default/${cluster}-md-0-[a-z0-9-]+`, 'g')) ?? [];
    expect(new Set(workerRows).size).toBe(2);
    expect(stdout).toMatch(new RegExp(`Cluster default/${cluster} is provisioned`));
    expect(stdout).toContain('Clean up: press Ctrl-C');
    expect(stdout).toMatch(/Deleting Cluster .*\n.*Stopping the managers/);
    expect(stdout).not.toMatch(/force-deleted/);
    expect(await clusterInstances(incus.client, cluster)).toEqual([]);
    const kubeconfig = /kubeconfig: (\S+)/.exec(stdout)?.[1];
    expect(kubeconfig).toBeTruthy();
    expect(existsSync(kubeconfig ?? '')).toBe(false);
  }, 900_000);
});
