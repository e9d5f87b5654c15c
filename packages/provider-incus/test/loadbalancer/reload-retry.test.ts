import { describe, expect, it } from 'vitest';
import type { IncusServerConnection } from '../../src/connection/connect.js';
import { InstanceLoadBalancer } from '../../src/loadbalancer/instance-load-balancer.js';

/** The files and exec calls of one haproxy container, with a reload that fails while `failReload` is set. */
function fakeContainer() {
  const files = new Map<string, string>();
  const reloads: string[][] = [];
  const container = { files, reloads, failReload: true };
  const client = {
    instances: { listFull: async () => [] },
    files: {
      pull: async (_instance: string, path: string) => {
        const content = files.get(path);
        if (content === undefined) throw Object.assign(new Error('not found'), { status: 404 });
        return { content: Buffer.from(content) };
      },
      push: async (_instance: string, path: string, content: string) => {
        files.set(path, content);
      },
    },
    exec: {
      run: async (_instance: string, command: string[]) => {
        reloads.push(command);
        if (container.failReload) throw new Error('haproxy.service: start request repeated too quickly');
        return { exitCode: 0 };
      },
    },
  };
  return { container, connection: { client } as unknown as IncusServerConnection };
}

describe('haproxy reconfiguration of an lxc load balancer', () => {
  it('reloads again on the next reconcile when a reload failed, instead of taking the file for applied', async () => {
    const { container, connection } = fakeContainer();
    container.files.set('/etc/haproxy/haproxy.cfg', 'the image configuration');
    const lb = new InstanceLoadBalancer({
      type: 'lxc',
      connection,
      instanceName: 'lb',
      clusterName: 'c',
      namespace: 'default',
    });
    await expect(lb.reconfigure()).rejects.toThrow('repeated too quickly');
    expect(container.files.get('/etc/haproxy/haproxy.cfg')).toBe('the image configuration');

    container.failReload = false;
    await expect(lb.reconfigure()).resolves.toMatchObject({ changed: true });
    expect(container.reloads).toHaveLength(2);
    await expect(lb.reconfigure()).resolves.toMatchObject({ changed: false });
    expect(container.reloads).toHaveLength(2);
  });
});
