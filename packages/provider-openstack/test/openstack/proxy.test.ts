import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UndiciTransport } from '../../src/openstack/index.js';
import { FakeKeystone } from './fake-keystone.js';

/** A CONNECT proxy that records the requested targets and tunnels every one of them to the fake cloud. */
function tunnellingProxy(targetPort: number, targets: string[]): Server {
  const proxy = createServer();
  proxy.on('connect', (request, client, head) => {
    targets.push(request.url ?? '');
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return proxy;
}

describe('UndiciTransport proxy from the environment', () => {
  let fake: FakeKeystone;
  let proxy: Server;
  const targets: string[] = [];

  beforeAll(async () => {
    fake = await new FakeKeystone().start();
    proxy = tunnellingProxy(Number(new URL(fake.url).port), targets);
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    process.env.NO_PROXY = 'direct.example';
  });

  afterAll(async () => {
    delete process.env.HTTP_PROXY;
    delete process.env.NO_PROXY;
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
    await fake.stop();
  });

  it('sends remote hosts through the proxy, and loopback hosts directly', async () => {
    const transport = new UndiciTransport();
    const viaProxy = await transport.send({ method: 'GET', url: 'http://keystone.example:5000/network/v2.0/networks' });
    expect(viaProxy.body).toEqual({ networks: [] });
    expect(targets).toEqual(['keystone.example:5000']);
    await transport.send({ method: 'GET', url: `${fake.url}/network/v2.0/networks` });
    expect(targets).toHaveLength(1);
    const direct = await transport
      .send({ method: 'GET', url: 'http://direct.example:1/' })
      .catch((error: unknown) => error);
    expect(direct).toMatchObject({ name: 'OpenStackConnectionError' });
    expect(targets).toHaveLength(1);
    await transport.close();
  });
});
