import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  IncusApiError,
  IncusClient,
  IncusConflictError,
  IncusExecError,
  IncusNotFoundError,
  IncusOperationError,
  IncusTimeoutError,
} from '../../src/incus/index.js';
import { asyncResponse, errorResponse, FakeDaemon, type FakeResponse, operation, syncResponse } from './fake-daemon.js';

let daemon: FakeDaemon;
let client: IncusClient;

beforeAll(async () => {
  daemon = await FakeDaemon.start();
  client = new IncusClient({ endpoint: { kind: 'unix', socketPath: daemon.socketPath }, project: 'capi' });
});
afterAll(async () => {
  client.close();
  await daemon.stop();
});
beforeEach(() => {
  daemon.requests.length = 0;
  daemon.routes = {};
});

describe('envelopes and errors', () => {
  it('returns the metadata of a sync response and adds the project to every call', async () => {
    daemon.routes['GET /1.0/instances'] = () => syncResponse([{ name: 'a' }]);
    expect(await client.instances.list()).toEqual([{ name: 'a' }]);
    expect(daemon.requests[0]?.query).toEqual({ project: 'capi', recursion: '1' });
  });

  it('maps 404 and 409 to typed errors carrying the daemon message unchanged', async () => {
    daemon.routes['GET /1.0/instances/missing/state'] = () => errorResponse(404, 'Instance not found');
    daemon.routes['POST /1.0/profiles'] = () => errorResponse(409, 'Profile "p" already exists');
    const missing = client.instances.getState('missing');
    await expect(missing).rejects.toBeInstanceOf(IncusNotFoundError);
    await expect(missing).rejects.toThrow('Instance not found');
    await expect(client.profiles.create({ name: 'p' })).rejects.toBeInstanceOf(IncusConflictError);
  });

  it('reports other failures as IncusApiError with status and request', async () => {
    daemon.routes['GET /1.0/networks/n'] = () => errorResponse(500, 'boom');
    const error = await client.networks.get('n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncusApiError);
    expect(error).toMatchObject({ status: 500, request: 'GET /1.0/networks/n', message: 'boom' });
  });

  it('rejects a non-JSON body with a clear error', async () => {
    daemon.routes['GET /1.0'] = () => ({ status: 502, body: Buffer.from('<html>bad gateway</html>') });
    await expect(client.getServer()).rejects.toThrow(/non-JSON response \(HTTP 502\)/);
  });
});

describe('instances', () => {
  it('posts the create body, waits on the operation and passes the target', async () => {
    daemon.routes['POST /1.0/instances'] = () => asyncResponse(operation('op1', 103));
    daemon.routes['GET /1.0/operations/op1/wait'] = () => syncResponse(operation('op1', 200));
    const done = await client.instances.create(
      {
        name: 'c1',
        type: 'container',
        source: { type: 'image', alias: 'capi-ts/debian-bookworm-cloud' },
        config: { 'cloud-init.user-data': '#cloud-config\n' },
        profiles: ['default'],
      },
      { target: '@gpu' },
    );
    expect(done.status_code).toBe(200);
    const [create, wait] = daemon.requests;
    expect(create?.query).toEqual({ project: 'capi', target: '@gpu' });
    expect(create?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(create?.body.toString() ?? '')).toEqual({
      name: 'c1',
      type: 'container',
      source: { type: 'image', alias: 'capi-ts/debian-bookworm-cloud' },
      config: { 'cloud-init.user-data': '#cloud-config\n' },
      profiles: ['default'],
    });
    expect(wait?.query).toEqual({ project: 'capi', timeout: '30' });
  });

  it('returns the running operation without waiting when asked', async () => {
    daemon.routes['DELETE /1.0/instances/c1'] = () => asyncResponse(operation('op2', 103));
    const op = await client.instances.delete('c1', { wait: false });
    expect(op.id).toBe('op2');
    expect(daemon.requests).toHaveLength(1);
  });

  it('sends state changes as CAPN does', async () => {
    daemon.routes['PUT /1.0/instances/c1/state'] = () => asyncResponse(operation('op3', 200));
    await client.instances.start('c1');
    await client.instances.stop('c1', { force: true });
    expect(daemon.requests.map((r) => JSON.parse(r.body.toString()))).toEqual([
      { action: 'start' },
      { action: 'stop', force: true, timeout: -1 },
    ]);
  });

  it('encodes names as single path segments', async () => {
    daemon.routes['GET /1.0/instances/a b'] = () => syncResponse({ name: 'a b' });
    await client.instances.get('a b');
    expect(daemon.requests[0]?.path).toBe('/1.0/instances/a%20b');
  });
});

describe('operations', () => {
  it('re-polls a long-poll that timed out until the operation is final', async () => {
    let polls = 0;
    daemon.routes['GET /1.0/operations/op4/wait'] = () => {
      polls += 1;
      return polls === 1 ? errorResponse(504, 'Operation wait timeout') : syncResponse(operation('op4', 200));
    };
    daemon.routes['GET /1.0/operations/op4'] = () => syncResponse(operation('op4', 103));
    expect((await client.operations.wait('op4')).status_code).toBe(200);
    expect(daemon.requests.map((r) => r.path)).toEqual([
      '/1.0/operations/op4/wait',
      '/1.0/operations/op4',
      '/1.0/operations/op4/wait',
    ]);
  });

  it('throws the operation error of a failed operation', async () => {
    daemon.routes['GET /1.0/operations/op5/wait'] = () =>
      syncResponse(operation('op5', 400, { err: 'Failed creating instance from image: boom' }));
    await expect(client.operations.wait('op5')).rejects.toThrow(IncusOperationError);
    await expect(client.operations.wait('op5')).rejects.toThrow('Failed creating instance from image: boom');
  });

  it('gives up at the caller limit', async () => {
    daemon.routes['GET /1.0/operations/op6/wait'] = () => syncResponse(operation('op6', 103));
    await expect(client.operations.wait('op6', { timeoutSeconds: 0 })).rejects.toBeInstanceOf(IncusTimeoutError);
  });

  it('flattens the operation list across statuses', async () => {
    daemon.routes['GET /1.0/operations'] = () =>
      syncResponse({ running: [operation('a', 103)], success: [operation('b', 200)] });
    expect((await client.operations.list()).map((op) => op.id)).toEqual(['a', 'b']);
  });
});

describe('files', () => {
  it('pushes with Incus and LXD headers', async () => {
    daemon.routes['POST /1.0/instances/c1/files'] = () => syncResponse({});
    await client.files.push('c1', '/etc/haproxy/haproxy.cfg', 'cfg', { mode: 0o440 });
    const request = daemon.requests[0];
    expect(request?.query).toEqual({ project: 'capi', path: '/etc/haproxy/haproxy.cfg' });
    expect(request?.body.toString()).toBe('cfg');
    expect(request?.headers).toMatchObject({
      'x-incus-uid': '0',
      'x-incus-gid': '0',
      'x-incus-mode': '0440',
      'x-incus-type': 'file',
      'x-incus-write': 'overwrite',
      'x-lxd-mode': '0440',
      'x-lxd-type': 'file',
      'content-type': 'application/octet-stream',
    });
  });

  it('pulls content, ownership and mode; directories list their entries', async () => {
    daemon.routes['GET /1.0/instances/c1/files'] = (request): FakeResponse => {
      if (request.query.path === '/etc') {
        return { headers: { 'X-Incus-Type': 'directory', 'X-Incus-Mode': '0755' }, body: syncResponse(['hosts']).body };
      }
      const headers = { 'X-Incus-Type': 'file', 'X-Incus-Uid': '1000', 'X-Incus-Gid': '100', 'X-Incus-Mode': '0600' };
      return { headers, body: Buffer.from('secret') };
    };
    expect(await client.files.pull('c1', '/home/u/f')).toEqual({
      type: 'file',
      uid: 1000,
      gid: 100,
      mode: 0o600,
      content: Buffer.from('secret'),
    });
    expect((await client.files.pull('c1', '/etc')).entries).toEqual(['hosts']);
  });

  it('maps a missing file to IncusNotFoundError', async () => {
    daemon.routes['GET /1.0/instances/c1/files'] = () => errorResponse(404, 'Not found');
    await expect(client.files.pull('c1', '/nope')).rejects.toBeInstanceOf(IncusNotFoundError);
  });
});

describe('exec', () => {
  it('runs with record-output, reads and deletes the logs', async () => {
    daemon.routes['POST /1.0/instances/c1/exec'] = () => asyncResponse(operation('ex', 103));
    daemon.routes['GET /1.0/operations/ex/wait'] = () =>
      syncResponse(
        operation('ex', 200, {
          metadata: {
            return: 3,
            output: { '1': '/1.0/instances/c1/logs/exec_1.stdout', '2': '/1.0/instances/c1/logs/exec_1.stderr' },
          },
        }),
      );
    daemon.routes['GET /1.0/instances/c1/logs/exec_1.stdout'] = () => ({ body: Buffer.from('out') });
    daemon.routes['GET /1.0/instances/c1/logs/exec_1.stderr'] = () => ({ body: Buffer.from('err') });
    daemon.routes['DELETE /1.0/instances/c1/logs/exec_1.stdout'] = () => syncResponse({});
    daemon.routes['DELETE /1.0/instances/c1/logs/exec_1.stderr'] = () => syncResponse({});
    expect(await client.exec.run('c1', ['false'], { environment: { A: 'b' } })).toEqual({
      exitCode: 3,
      stdout: 'out',
      stderr: 'err',
    });
    expect(JSON.parse(daemon.requests[0]?.body.toString() ?? '')).toEqual({
      command: ['false'],
      environment: { A: 'b' },
      cwd: '',
      user: 0,
      group: 0,
      interactive: false,
      'wait-for-websocket': false,
      'record-output': true,
    });
    expect(daemon.requests.filter((r) => r.method === 'DELETE')).toHaveLength(2);
    await expect(client.exec.run('c1', ['false'], { check: true })).rejects.toBeInstanceOf(IncusExecError);
  });
});

describe('images, profiles and networks', () => {
  it('keeps slashes of alias names in the path', async () => {
    daemon.routes['GET /1.0/images/aliases/capi-ts/debian-bookworm-cloud'] = () =>
      syncResponse({ name: 'capi-ts/debian-bookworm-cloud', target: 'abc', description: '', type: 'container' });
    expect((await client.images.getAlias('capi-ts/debian-bookworm-cloud')).target).toBe('abc');
    expect(daemon.requests[0]?.path).toBe('/1.0/images/aliases/capi-ts/debian-bookworm-cloud');
  });

  it('addresses forwards and load balancers by listen address', async () => {
    daemon.routes['PUT /1.0/networks/ovn0/load-balancers/10.0.0.10'] = () => syncResponse({});
    daemon.routes['GET /1.0/networks/br0/forwards'] = () => syncResponse([]);
    await client.networkLoadBalancers.update('ovn0', '10.0.0.10', {
      config: { 'user.cluster-name': 'c1' },
      backends: [{ name: 'cp-0', target_address: '10.0.0.2', target_port: '6443' }],
      ports: [{ protocol: 'tcp', listen_port: '6443', target_backend: ['cp-0'] }],
    });
    await client.networkForwards.list('br0');
    expect(daemon.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /1.0/networks/ovn0/load-balancers/10.0.0.10',
      'GET /1.0/networks/br0/forwards',
    ]);
  });
});

describe('events', () => {
  it('builds the websocket URL for unix and https endpoints', () => {
    expect(client.events.url({ types: ['lifecycle', 'operation'] })).toBe(
      `ws+unix://${daemon.socketPath}:/1.0/events?type=lifecycle%2Coperation&project=capi`,
    );
    const remote = new IncusClient({
      endpoint: { kind: 'https', url: 'https://10.0.1.1:8443/', clientCertificate: 'c', clientKey: 'k' },
    });
    expect(remote.events.url({ allProjects: true })).toBe('wss://10.0.1.1:8443/1.0/events?all-projects=true');
  });
});
