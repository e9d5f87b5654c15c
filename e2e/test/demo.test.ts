import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const e2eRoot = path.resolve(import.meta.dirname, '..');

describe('the main demo', () => {
  it('starts a management plane with the Cluster API CRDs, prints how to reach it and cleans up', async () => {
    const { stdout } = await run('pnpm', ['exec', 'tsx', '--conditions=source', 'src/demo.ts', '--exit-when-ready'], {
      cwd: e2eRoot,
      timeout: 120_000,
    });
    expect(stdout).toMatch(/Management plane ready: kube-apiserver 1\.36\.\d+ with the Cluster API 1\.14\.\d+ CRDs/);
    const kubeconfig = /kubeconfig: (\S+)/.exec(stdout)?.[1];
    expect(kubeconfig).toBeTruthy();
    expect(existsSync(kubeconfig ?? '')).toBe(false);
  });
});
