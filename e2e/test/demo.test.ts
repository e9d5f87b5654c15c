import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { eventually } from '@capi-ts/sdk/testing';
import { describe, expect, it } from 'vitest';
import { ensureIncus } from '../../packages/provider-incus/test-support/index.js';
import { clusterInstances } from '../src/incus-microk8s-cluster.js';
import { REPOSITORY_ROOT } from '../src/workspace.js';

// Skipped only where no Incus daemon can be used (not installed, not root, the daemon does not start, or
// CAPI_TS_SKIP_INCUS=1): the scenario needs real system containers. scripts/setup.sh starts Incus here and in CI.
const incus = await ensureIncus();
if (!incus.available) console.warn(`the demo test is skipped: ${incus.reason}`);

// The README's main command, `pnpm demo`, run as a user would in a terminal: in its own process group, which a
// Ctrl-C signals as a whole once the demo has said how to clean up.
describe.skipIf(!incus.available)('the main demo', () => {
  it('brings up the management plane, provisions the sample Incus + MicroK8s cluster, shows it with clusterctl describe and cleans up on Ctrl-C', async () => {
    if (!incus.available) return;
    const demo = spawn('pnpm', ['demo'], { cwd: REPOSITORY_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    demo.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    demo.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // pnpm itself dies of the SIGINT at once; the demo, still writing to the same pipe, closes it when it is done.
    const finished = new Promise<void>((resolve) => demo.stdout.once('close', resolve));
    try {
      await eventually(
        () => {
          if (demo.exitCode !== null) throw new Error(`the demo exited with ${demo.exitCode}:\n${stdout}\n${stderr}`);
          expect(stdout).toContain('Clean up: press Ctrl-C');
        },
        { timeoutMs: 720_000, intervalMs: 1000 },
      );
      process.kill(-(demo.pid as number), 'SIGINT');
      await finished;
    } finally {
      if (!demo.stdout.closed) process.kill(-(demo.pid as number), 'SIGKILL');
    }
    expect(stderr).not.toMatch(/Error/);

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
    const instances = /Incus containers: (.+) {2}\(/.exec(stdout)?.[1]?.split(', ') ?? [];
    expect(instances).toHaveLength(3);
    expect(stdout).toMatch(/Interrupted: removing the containers of the cluster through Incus\n {2}removed: (.+)\n/);
    expect(stdout).toMatch(/Stopping the managers and the management plane.*\n.*Done\./);
    expect(await clusterInstances(incus.client, cluster)).toEqual([]);
    const kubeconfig = /kubeconfig: (\S+)/.exec(stdout)?.[1];
    expect(kubeconfig).toBeTruthy();
    expect(existsSync(kubeconfig ?? '')).toBe(false);
  }, 900_000);
});
