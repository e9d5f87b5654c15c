import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IncusConflictError,
  type IncusEventSubscription,
  IncusExecError,
  IncusNotFoundError,
  IncusOperationError,
  isLifecycleEvent,
  serverKind,
} from '../../src/incus/index.js';
import {
  type CloudImage,
  ensureCloudImage,
  ensureIncus,
  IncusCleanup,
  launchContainer,
  uniqueName,
  waitForCloudInit,
} from '../../test-support/index.js';

const incus = await ensureIncus();
if (!incus.available) console.warn(incus.reason);

describe.skipIf(!incus.available)('Incus REST client against the local daemon', () => {
  if (!incus.available) return;
  const { client } = incus;
  const cleanup = new IncusCleanup(client);
  let image: CloudImage;
  let events: IncusEventSubscription;

  beforeAll(async () => {
    image = await ensureCloudImage(client);
    events = await client.events.subscribe({ types: ['lifecycle'] });
  }, 900_000);
  afterAll(async () => {
    events?.close();
    await cleanup.run();
  });

  it('reads server information', async () => {
    const server = await client.getServer();
    expect(serverKind(server)).toBe('incus');
    expect(server.auth).toBe('trusted');
    expect(server.api_extensions).toContain('container_exec_recording');
    expect(server.environment?.driver).toContain('lxc');
  });

  it('runs cloud-init user data in a system container and reports its lifecycle', async () => {
    const name = cleanup.instance(uniqueName('client-ci'));
    const userData = [
      '#cloud-config',
      'write_files:',
      '  - path: /etc/capi-ts/hello.txt',
      '    content: written by cloud-init',
      'runcmd:',
      '  - [sh, -c, "hostname > /etc/capi-ts/hostname.txt"]',
      '',
    ].join('\n');
    await launchContainer(client, { name, image, userData });
    await events.waitFor(
      (e) => isLifecycleEvent(e) && e.metadata.action === 'instance-started' && e.metadata.source.endsWith(`/${name}`),
      30_000,
    );

    const status = await waitForCloudInit(client, name);
    expect(status.stdout).toContain('status: done');
    expect(status.exitCode).toBe(0);
    expect((await client.files.pull(name, '/etc/capi-ts/hello.txt')).content.toString()).toBe('written by cloud-init');
    expect((await client.files.pull(name, '/etc/capi-ts/hostname.txt')).content.toString().trim()).toBe(name);

    const state = await client.instances.getState(name);
    expect(state.status).toBe('Running');
    expect(state.pid).toBeGreaterThan(0);

    await client.instances.stop(name, { force: true });
    await client.instances.delete(name);
    await expect(client.instances.get(name)).rejects.toBeInstanceOf(IncusNotFoundError);
    await events.waitFor(
      (e) => isLifecycleEvent(e) && e.metadata.action === 'instance-deleted' && e.metadata.source.endsWith(`/${name}`),
      30_000,
    );
  }, 300_000);

  it('pushes and pulls files, runs commands and reports typed errors', async () => {
    const name = cleanup.instance(uniqueName('client-files'));
    await client.instances.create({ name, type: 'container', source: { type: 'image', alias: image.alias } });
    // Incus reports a duplicate instance name through the create operation, not with HTTP 409.
    await expect(
      client.instances.create({ name, type: 'container', source: { type: 'image', alias: image.alias } }),
    ).rejects.toThrow(IncusOperationError);

    // Files can be pushed before the first start (how stand-ins or seeds can be placed per instance).
    await client.files.push(name, '/root/script.sh', '#!/bin/sh\necho "args: $*"\necho oops >&2\nexit 4\n', {
      mode: 0o750,
    });
    await client.instances.start(name);
    const pulled = await client.files.pull(name, '/root/script.sh');
    expect(pulled).toMatchObject({ type: 'file', uid: 0, gid: 0, mode: 0o750 });
    expect((await client.files.pull(name, '/root')).entries).toContain('script.sh');

    const result = await client.exec.run(name, ['/root/script.sh', 'a', 'b c']);
    expect(result).toEqual({ exitCode: 4, stdout: 'args: a b c\n', stderr: 'oops\n' });
    await expect(client.exec.run(name, ['/root/script.sh'], { check: true })).rejects.toBeInstanceOf(IncusExecError);
    expect(
      (await client.exec.run(name, ['sh', '-c', 'echo $GREETING'], { environment: { GREETING: 'hi' } })).stdout,
    ).toBe('hi\n');

    await client.files.push(name, '/opt/capi-ts', '', { type: 'directory', mode: 0o700 });
    await client.files.push(name, '/opt/capi-ts/link', '/root/script.sh', { type: 'symlink' });
    await client.files.push(name, '/opt/capi-ts/log', 'one\n');
    await client.files.push(name, '/opt/capi-ts/log', 'two\n', { write: 'append' });
    expect(await client.files.pull(name, '/opt/capi-ts')).toMatchObject({ type: 'directory', mode: 0o700 });
    expect((await client.files.pull(name, '/opt/capi-ts/log')).content.toString()).toBe('one\ntwo\n');
    expect((await client.exec.run(name, ['readlink', '/opt/capi-ts/link'])).stdout).toBe('/root/script.sh\n');

    await client.files.delete(name, '/root/script.sh');
    await expect(client.files.pull(name, '/root/script.sh')).rejects.toBeInstanceOf(IncusNotFoundError);
  }, 180_000);

  it('manages profiles and finds images by alias', async () => {
    const name = cleanup.profile(uniqueName('client-profile'));
    await client.profiles.create({ name, config: { 'user.capi-ts': 'yes' } });
    await client.profiles.update(name, { config: { 'user.capi-ts': 'updated' }, devices: {} });
    expect((await client.profiles.get(name)).config).toEqual({ 'user.capi-ts': 'updated' });
    await client.profiles.delete(name);
    await expect(client.profiles.get(name)).rejects.toBeInstanceOf(IncusNotFoundError);

    const alias = await client.images.getAlias(image.alias);
    expect(alias.target).toBe(image.fingerprint);
    await expect(client.images.createAlias({ name: image.alias, target: image.fingerprint })).rejects.toBeInstanceOf(
      IncusConflictError,
    );
    const stored = await client.images.get(alias.target);
    expect(stored.properties.os).toBe('debian');
    expect((await client.images.list()).map((i) => i.fingerprint)).toContain(image.fingerprint);
  });

  it('manages network forwards and reports load balancers as unsupported on a bridge', async () => {
    const networks = await client.networks.list();
    const bridge = networks.find((n) => n.managed && n.type === 'bridge');
    if (bridge === undefined) return; // No managed bridge on this machine: nothing to forward on.
    expect((await client.networks.get(bridge.name)).config['ipv4.address']).toBeTruthy();
    const subnet = (bridge.config['ipv4.address'] ?? '').split('/')[0]?.split('.').slice(0, 3).join('.');
    const listenAddress = `${subnet}.${200 + Math.floor(Math.random() * 50)}`;
    await client.networkForwards.create(bridge.name, {
      listen_address: listenAddress,
      description: 'capi-ts client test',
      config: {},
      ports: [{ protocol: 'tcp', listen_port: '6443', target_address: `${subnet}.9`, target_port: '6443' }],
    });
    try {
      const forward = await client.networkForwards.get(bridge.name, listenAddress);
      expect(forward.ports).toEqual([
        { description: '', protocol: 'tcp', listen_port: '6443', target_address: `${subnet}.9`, target_port: '6443' },
      ]);
      await client.networkForwards.update(bridge.name, listenAddress, {
        description: 'updated',
        config: {},
        ports: [],
      });
      expect(
        (await client.networkForwards.list(bridge.name)).find((f) => f.listen_address === listenAddress),
      ).toMatchObject({
        description: 'updated',
        ports: [],
      });
    } finally {
      await client.networkForwards.delete(bridge.name, listenAddress);
    }
    await expect(client.networkForwards.get(bridge.name, listenAddress)).rejects.toBeInstanceOf(IncusNotFoundError);
    await expect(client.networkLoadBalancers.list(bridge.name)).rejects.toThrow(/does not support load balancers/);
  });
});
