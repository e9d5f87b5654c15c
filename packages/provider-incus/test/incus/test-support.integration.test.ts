import { afterAll, describe, expect, it } from 'vitest';
import { connectionFromIdentitySecret, IncusClient } from '../../src/incus/index.js';
import {
  ensureCloudImage,
  ensureHttpsListener,
  ensureIncus,
  IncusCleanup,
  launchContainer,
  readStandInCalls,
  recordingStandIn,
  trustedClientCertificate,
  uniqueName,
  waitForCloudInit,
} from '../../test-support/index.js';

const incus = await ensureIncus();
if (!incus.available) console.warn(incus.reason);

describe.skipIf(!incus.available)('Incus test support', () => {
  if (!incus.available) return;
  const { client } = incus;
  const cleanup = new IncusCleanup(client);
  afterAll(() => cleanup.run());

  it('derives an image with recording stand-ins that cloud-init commands call', async () => {
    const image = await ensureCloudImage(client, {
      extraFiles: [
        recordingStandIn({ name: 'snap' }),
        recordingStandIn({ name: 'kubeadm', stdout: 'kubeadm stand-in\n' }),
        { path: '/etc/capi-ts/marker', content: 'from the overlay\n' },
      ],
    });
    expect(image.alias).toMatch(/^capi-ts\/debian-bookworm-cloud-[0-9a-f]{12}$/);
    // Cached: the same files give the same image without a rebuild.
    expect(
      await ensureCloudImage(client, {
        extraFiles: [
          recordingStandIn({ name: 'snap' }),
          recordingStandIn({ name: 'kubeadm', stdout: 'kubeadm stand-in\n' }),
          { path: '/etc/capi-ts/marker', content: 'from the overlay\n' },
        ],
      }),
    ).toEqual(image);

    const name = cleanup.instance(uniqueName('support-standins'));
    const userData = [
      '#cloud-config',
      'runcmd:',
      '  - snap install microk8s --classic --channel=1.32/stable',
      '  - [kubeadm, init, --config, "/run/kubeadm/kubeadm config.yaml"]',
      '',
    ].join('\n');
    await launchContainer(client, { name, image, userData });
    const status = await waitForCloudInit(client, name);
    expect(status.exitCode, status.stdout).toBe(0);

    const calls = await readStandInCalls(client, name);
    expect(calls.map(({ command, args }) => ({ command, args }))).toEqual([
      { command: 'snap', args: ['install', 'microk8s', '--classic', '--channel=1.32/stable'] },
      { command: 'kubeadm', args: ['init', '--config', '/run/kubeadm/kubeadm config.yaml'] },
    ]);
    expect((await client.files.pull(name, '/etc/capi-ts/marker')).content.toString()).toBe('from the overlay\n');
    // Overlay directories never change the base image's: /etc keeps its mode.
    expect((await client.files.pull(name, '/etc')).mode).toBe(0o755);
  }, 300_000);

  it('reaches the daemon over HTTPS with a trusted client certificate and a pinned server certificate', async () => {
    const listener = await ensureHttpsListener(client);
    const identity = await trustedClientCertificate(client, uniqueName('support-https'));
    try {
      const remote = new IncusClient(
        connectionFromIdentitySecret({
          server: listener.url,
          'server-crt': listener.serverCertificate,
          'client-crt': identity.cert,
          'client-key': identity.key,
          project: 'default',
        }),
      );
      const server = await remote.getServer();
      expect(server.auth).toBe('trusted');
      expect(server.environment?.server).toBe('incus');
      const events = await remote.events.subscribe({ types: ['lifecycle'] });
      const profile = cleanup.profile(uniqueName('support-https'));
      await remote.profiles.create({ name: profile });
      const created = await events.waitFor(
        (e) => (e.metadata as { source?: string }).source === `/1.0/profiles/${profile}`,
        10_000,
      );
      expect((created.metadata as { action: string }).action).toBe('profile-created');
      events.close();
      remote.close();
    } finally {
      await identity.remove();
    }
    const untrusted = new IncusClient({
      endpoint: {
        kind: 'https',
        url: listener.url,
        clientCertificate: identity.cert,
        clientKey: identity.key,
        serverCertificate: listener.serverCertificate,
      },
    });
    expect((await untrusted.getServer()).auth).toBe('untrusted');
    untrusted.close();
  }, 120_000);
});
