import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { InstanceFull } from '../../src/incus/api/instance.js';
import {
  controlPlaneBackends,
  controlPlaneFiles,
  controlPlaneLoadBalancerFiles,
  followsControlPlaneMachines,
  loadBalancerInstanceName,
  loadBalancerInstanceRequest,
  loadBalancerType,
  ovnLoadBalancerPut,
  renderHaproxyConfig,
} from '../../src/loadbalancer/index.js';

function instance(name: string, config: Record<string, string>, addresses: string[]): InstanceFull {
  return {
    name,
    config,
    state: {
      network: {
        lo: {
          type: 'loopback',
          host_name: '',
          addresses: [{ family: 'inet', address: '127.0.0.1', netmask: '8', scope: 'local' }],
        },
        eth0: {
          type: 'broadcast',
          host_name: `veth-${name}`,
          addresses: addresses.map((address) => ({ family: 'inet', address, netmask: '24', scope: 'global' })),
        },
      },
    },
  } as unknown as InstanceFull;
}
const cp = (cluster: string, namespace = 'default') => ({
  'user.cluster-name': cluster,
  'user.cluster-namespace': namespace,
  'user.cluster-role': 'control-plane',
});

describe('load balancer instance name', () => {
  it('hashes the namespace as CAPN does', () => {
    expect(loadBalancerInstanceName('c1', 'default')).toBe('c1-37a8e-lb');
    expect(loadBalancerInstanceName('c1', 'capn-system')).toBe('c1-f46d2-lb');
  });
});

describe('control-plane backends', () => {
  it('keeps control-plane instances of this cluster with an address, sorted by name, first sorted address', () => {
    const backends = controlPlaneBackends(
      [
        instance('c1-cp-b', cp('c1'), ['10.0.0.9', '10.0.0.3']),
        instance('c1-cp-a', cp('c1'), ['10.0.0.7']),
        instance('c1-cp-starting', cp('c1'), []),
        instance('c1-worker', { ...cp('c1'), 'user.cluster-role': 'worker' }, ['10.0.0.8']),
        instance('c1-other-ns', cp('c1', 'other'), ['10.0.0.10']),
        instance('c2-cp', cp('c2'), ['10.0.0.11']),
      ],
      'c1',
      'default',
    );
    expect(backends).toEqual([
      { name: 'c1-cp-a', address: '10.0.0.7' },
      { name: 'c1-cp-b', address: '10.0.0.3' },
    ]);
  });
});

describe('haproxy configuration', () => {
  it('forwards :6443 to every backend with TLS health checks, IPv6 in brackets', () => {
    const config = renderHaproxyConfig([
      { name: 'cp-a', address: '10.0.0.7' },
      { name: 'cp-b', address: 'fd42::7' },
    ]);
    expect(config).toContain('frontend control-plane\n  bind *:6443\n  default_backend kube-apiservers\n');
    expect(config).toContain(
      'backend kube-apiservers\n  option httpchk GET /healthz\n' +
        '  server cp-a 10.0.0.7:6443 weight 100 check check-ssl verify none\n' +
        '  server cp-b [fd42::7]:6443 weight 100 check check-ssl verify none\n',
    );
    expect(config).toContain('bind *:8404');
  });

  it('is stable for the same backends (so an unchanged set writes nothing)', () => {
    const backends = [{ name: 'a', address: '10.0.0.1' }];
    expect(renderHaproxyConfig(backends)).toBe(renderHaproxyConfig([...backends]));
  });
});

describe('load balancer instance request', () => {
  it('lxc: haproxy from the default server, flavor, profiles and cluster keys', () => {
    expect(
      loadBalancerInstanceRequest({
        type: 'lxc',
        instanceName: 'c1-37a8e-lb',
        clusterName: 'c1',
        namespace: 'default',
        instanceSpec: { flavor: 'c1-m1', profiles: ['default'] },
      }),
    ).toEqual({
      name: 'c1-37a8e-lb',
      type: 'container',
      source: {
        type: 'image',
        protocol: 'simplestreams',
        server: 'https://d14dnvi2l3tc5t.cloudfront.net',
        alias: 'haproxy',
      },
      config: { 'user.cluster-name': 'c1', 'user.cluster-namespace': 'default', 'user.cluster-role': 'loadbalancer' },
      instance_type: 'c1-m1',
      profiles: ['default'],
    });
  });

  it('oci (payload only: Incus 6.0 here lacks instance_oci): the haproxy OCI image and its entrypoint', () => {
    const request = loadBalancerInstanceRequest({
      type: 'oci',
      instanceName: 'x-lb',
      clusterName: 'x',
      namespace: 'ns',
    });
    expect(request.source).toEqual({
      type: 'image',
      protocol: 'oci',
      server: 'https://ghcr.io',
      alias: 'lxc/cluster-api-provider-incus/haproxy:v20230606-42a2262b',
    });
    expect(request.config?.['oci.entrypoint']).toBe('/init -W -db -f /usr/local/etc/haproxy/haproxy.cfg');
    expect(request.profiles).toBeUndefined();
  });

  it('uses instanceSpec.image as written', () => {
    const request = loadBalancerInstanceRequest({
      type: 'lxc',
      instanceName: 'x-lb',
      clusterName: 'x',
      namespace: 'ns',
      instanceSpec: { image: { name: 'my/haproxy', server: 'https://images.example', protocol: 'simplestreams' } },
    });
    expect(request.source).toEqual({
      type: 'image',
      alias: 'my/haproxy',
      server: 'https://images.example',
      protocol: 'simplestreams',
    });
  });
});

describe('ovn network load balancer (request shape only: no OVN here)', () => {
  it('health-checked backends on port 6443', () => {
    expect(ovnLoadBalancerPut('c1', 'default', [{ name: 'cp-a', address: '10.0.0.7' }])).toEqual({
      config: {
        'user.cluster-name': 'c1',
        'user.cluster-namespace': 'default',
        healthcheck: 'true',
        'healthcheck.interval': '5',
        'healthcheck.timeout': '5',
        'healthcheck.failure_count': '3',
        'healthcheck.success_count': '2',
      },
      backends: [{ name: 'cp-a', target_port: '6443', target_address: '10.0.0.7' }],
      ports: [{ listen_port: '6443', protocol: 'tcp', target_backend: ['cp-a'] }],
    });
  });
});

describe('kube-vip control-plane files', () => {
  const cluster = (kubeVIP: Record<string, string>, host?: string) => ({
    spec: { loadBalancer: { kubeVIP }, ...(host ? { controlPlaneEndpoint: { host, port: 6443 } } : {}) },
  });

  it('puts the static pod at the default path, super-admin.conf on the first node and admin.conf later', () => {
    const first = controlPlaneLoadBalancerFiles(cluster({}, '10.0.42.1'), false);
    expect(Object.keys(first)).toEqual(['/etc/kubernetes/manifests/kube-vip.yaml']);
    const pod = parse(first['/etc/kubernetes/manifests/kube-vip.yaml'] as string);
    expect(pod.spec.volumes[0].hostPath.path).toBe('/etc/kubernetes/super-admin.conf');
    expect(pod.spec.containers[0].image).toBe('ghcr.io/kube-vip/kube-vip:v0.6.4');
    expect(pod.spec.containers[0].env).toContainEqual({ name: 'address', value: '10.0.42.1' });
    expect(pod.spec.hostNetwork).toBe(true);
    const joining = parse(
      controlPlaneLoadBalancerFiles(cluster({}, '10.0.42.1'), true)[
        '/etc/kubernetes/manifests/kube-vip.yaml'
      ] as string,
    );
    expect(joining.spec.volumes[0].hostPath.path).toBe('/etc/kubernetes/admin.conf');
  });

  it('honours image, interface, kubeconfigPath and manifestPath', () => {
    const files = controlPlaneLoadBalancerFiles(
      cluster(
        { image: 'kv:1', interface: 'eth1', kubeconfigPath: '/etc/rke2/kube.conf', manifestPath: '/var/lib/m/kv.yaml' },
        '10.0.42.1',
      ),
      false,
    );
    const pod = parse(files['/var/lib/m/kv.yaml'] as string);
    expect(pod.spec.containers[0].image).toBe('kv:1');
    expect(pod.spec.containers[0].env).toContainEqual({ name: 'vip_interface', value: 'eth1' });
    expect(pod.spec.volumes[0].hostPath.path).toBe('/etc/rke2/kube.conf');
  });

  it('injects nothing for other load balancer types or without an endpoint host', () => {
    expect(controlPlaneLoadBalancerFiles({ spec: { loadBalancer: { lxc: {} } } }, false)).toEqual({});
    expect(controlPlaneLoadBalancerFiles(cluster({}), false)).toEqual({});
  });
});

describe('load balancer type', () => {
  it('is the one key set', () => {
    expect(loadBalancerType({ spec: { loadBalancer: { kubeVIP: {} } } })).toBe('kubeVIP');
    expect(() => loadBalancerType({ spec: { loadBalancer: {} } })).toThrow(/must set one of/);
  });
});

describe('control-plane files from the Cluster', () => {
  const lxcCluster = {
    spec: { loadBalancer: { kubeVIP: {} }, controlPlaneEndpoint: { host: '10.0.42.1', port: 6443 } },
  };
  const kubeconfigOf = (files: Record<string, string>) =>
    parse(files['/etc/kubernetes/manifests/kube-vip.yaml'] as string).spec.volumes[0].hostPath.path;
  const cluster = (status: unknown) =>
    ({ apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'Cluster', metadata: { name: 'c' }, spec: {}, status }) as never;

  it('uses super-admin.conf until the control plane is initialized', () => {
    expect(kubeconfigOf(controlPlaneFiles({ cluster: cluster(undefined), lxcCluster }))).toBe(
      '/etc/kubernetes/super-admin.conf',
    );
    expect(
      kubeconfigOf(
        controlPlaneFiles({ cluster: cluster({ initialization: { controlPlaneInitialized: true } }), lxcCluster }),
      ),
    ).toBe('/etc/kubernetes/admin.conf');
    expect(
      kubeconfigOf(
        controlPlaneFiles({
          cluster: cluster({ conditions: [{ type: 'ControlPlaneInitialized', status: 'True' }] }),
          lxcCluster,
        }),
      ),
    ).toBe('/etc/kubernetes/admin.conf');
  });
});

describe('load balancers that follow the control-plane machines (providerID gated on loadBalancerConfigured)', () => {
  const withLoadBalancer = (loadBalancer: Record<string, unknown>, annotations: Record<string, string> = {}) =>
    ({ metadata: { name: 'c', namespace: 'ns', annotations }, spec: { loadBalancer } }) as never;

  it('lxc, oci and ovn do; kube-vip and external have nothing to reconfigure', () => {
    expect(followsControlPlaneMachines(withLoadBalancer({ lxc: {} }))).toBe(true);
    expect(followsControlPlaneMachines(withLoadBalancer({ oci: {} }))).toBe(true);
    expect(followsControlPlaneMachines(withLoadBalancer({ ovn: { networkName: 'n' } }))).toBe(true);
    expect(followsControlPlaneMachines(withLoadBalancer({ kubeVIP: {} }))).toBe(false);
    expect(followsControlPlaneMachines(withLoadBalancer({ external: {} }))).toBe(false);
  });

  it('not for an LXCCluster managed by another system, nor without a load balancer', () => {
    expect(
      followsControlPlaneMachines(withLoadBalancer({ lxc: {} }, { 'cluster.x-k8s.io/managed-by': 'kamaji' })),
    ).toBe(false);
    expect(followsControlPlaneMachines(withLoadBalancer({}))).toBe(false);
  });
});
