import { describe, expect, it } from 'vitest';
import {
  initControlPlaneCloudConfig,
  joinControlPlaneCloudConfig,
  workerCloudConfig,
} from '../../src/cloudinit/index.js';
import { AUTH_TOKEN, CA, TOKEN } from './fixtures.js';

// CABPM's own runcmd vectors (controlplane_init_test.go, controlplane_join_test.go, worker_join_test.go), with
// our one addition: the contract's sentinel after the last bootstrap step.

const SENTINEL =
  'if [ $? -eq 0 ]; then mkdir -p /run/cluster-api && echo success > /run/cluster-api/bootstrap-success.complete; fi';
const A = TOKEN;

describe('CABPM runcmd vectors', () => {
  it('init control plane', () => {
    const config = initControlPlaneCloudConfig({
      spec: {
        clusterConfiguration: { portCompatibilityRemap: true },
        initConfiguration: {
          joinTokenTTLInSecs: 10000,
          IPinIP: true,
          disableDefaultCNI: true,
          confinement: 'classic',
        } as never,
      },
      kubernetesVersion: 'v1.25.2',
      controlPlaneEndpoint: 'k8s.my-domain.com',
      joinToken: A,
      authToken: AUTH_TOKEN,
      ca: CA,
    });
    expect(config.runCommands).toEqual([
      'set -x',
      '/capi-scripts/00-configure-snapstore-http-proxy.sh "" ""',
      '/capi-scripts/00-configure-snapstore-proxy.sh "http" "" ""',
      '/capi-scripts/00-disable-host-services.sh',
      '/capi-scripts/00-install-microk8s.sh "--channel 1.25 --classic" true',
      '/capi-scripts/10-configure-containerd-proxy.sh "" "" ""',
      '/capi-scripts/10-configure-kubelet.sh',
      '/capi-scripts/50-wait-apiserver.sh',
      'microk8s refresh-certs /var/tmp',
      '/capi-scripts/10-configure-calico-ipip.sh true',
      '/capi-scripts/10-configure-cluster-agent-port.sh "30000"',
      '/capi-scripts/10-configure-dqlite-port.sh "2379"',
      '/capi-scripts/10-configure-cert-for-lb.sh "DNS" "k8s.my-domain.com"',
      '/capi-scripts/10-configure-apiserver.sh',
      '/capi-scripts/20-microk8s-enable.sh "dns"',
      `microk8s add-node --token-ttl 10000 --token "${A}"`,
      SENTINEL,
    ]);
    expect(config.writeFiles.slice(15).map((f) => [f.path, f.permissions, f.owner, f.content])).toEqual([
      ['/var/tmp/ca.key', '0600', 'root:root', CA.key],
      ['/var/tmp/ca.crt', '0600', 'root:root', CA.cert],
      ['/capi/etc/token', '0600', 'root:root', AUTH_TOKEN],
    ]);
  });

  const joinIps = ['10.0.3.39', '10.0.3.40', '10.0.3.41'];
  const joinInput = (addons?: string[]) => ({
    spec: {
      clusterConfiguration: { portCompatibilityRemap: true },
      initConfiguration: {
        joinTokenTTLInSecs: 10000,
        IPinIP: true,
        confinement: 'classic',
        ...(addons ? { addons } : {}),
      } as never,
    },
    kubernetesVersion: 'v1.25.2',
    controlPlaneEndpoint: 'k8s.my-domain.com',
    joinToken: A,
    authToken: AUTH_TOKEN,
    joinNodeIps: joinIps,
  });
  const joinCore = [
    'set -x',
    '/capi-scripts/00-configure-snapstore-http-proxy.sh "" ""',
    '/capi-scripts/00-configure-snapstore-proxy.sh "http" "" ""',
    '/capi-scripts/00-disable-host-services.sh',
    '/capi-scripts/00-install-microk8s.sh "--channel 1.25 --classic" false',
    '/capi-scripts/10-configure-containerd-proxy.sh "" "" ""',
    '/capi-scripts/10-configure-kubelet.sh',
    '/capi-scripts/50-wait-apiserver.sh',
    '/capi-scripts/10-configure-calico-ipip.sh true',
    '/capi-scripts/10-configure-cluster-agent-port.sh "30000"',
    '/capi-scripts/10-configure-dqlite-port.sh "2379"',
    '/capi-scripts/50-wait-apiserver.sh',
    '/capi-scripts/10-configure-cert-for-lb.sh "DNS" "k8s.my-domain.com"',
    `/capi-scripts/20-microk8s-join.sh no "10.0.3.39:30000/${A}" "10.0.3.40:30000/${A}" "10.0.3.41:30000/${A}"`,
    '/capi-scripts/10-configure-apiserver.sh',
    `microk8s add-node --token-ttl 10000 --token "${A}"`,
  ];

  it('join control plane', () => {
    const config = joinControlPlaneCloudConfig(joinInput());
    expect(config.runCommands).toEqual([...joinCore, SENTINEL]);
    expect(config.writeFiles.slice(15).map((f) => f.path)).toEqual(['/capi/etc/token']);
  });

  it('join control plane with addons enables exactly those, after add-node', () => {
    const config = joinControlPlaneCloudConfig(joinInput(['cis-hardening']));
    expect(config.runCommands).toEqual([...joinCore, '/capi-scripts/20-microk8s-enable.sh "cis-hardening"', SENTINEL]);
  });

  it('worker', () => {
    const endpoint = 'capi-aws-apiserver-1647391446.us-east-1.elb.amazonaws.com';
    const config = workerCloudConfig({
      spec: {
        clusterConfiguration: { portCompatibilityRemap: true },
        initConfiguration: { confinement: 'classic' } as never,
      },
      kubernetesVersion: 'v1.24.3',
      controlPlaneEndpoint: endpoint,
      joinToken: A,
      joinNodeIps: ['10.0.3.194', '10.0.3.195'],
    });
    expect(config.runCommands).toEqual([
      'set -x',
      '/capi-scripts/00-configure-snapstore-http-proxy.sh "" ""',
      '/capi-scripts/00-configure-snapstore-proxy.sh "http" "" ""',
      '/capi-scripts/00-disable-host-services.sh',
      '/capi-scripts/00-install-microk8s.sh "--channel 1.24 --classic" false',
      '/capi-scripts/10-configure-containerd-proxy.sh "" "" ""',
      '/capi-scripts/10-configure-kubelet.sh',
      '/capi-scripts/50-wait-apiserver.sh',
      '/capi-scripts/10-configure-cluster-agent-port.sh "30000"',
      `/capi-scripts/20-microk8s-join.sh yes "10.0.3.194:30000/${A}" "10.0.3.195:30000/${A}"`,
      `/capi-scripts/30-configure-traefik.sh ${endpoint} 6443 no`,
      SENTINEL,
    ]);
    expect(config.writeFiles).toHaveLength(15);
    expect(config.bootCommands).toEqual([]);
  });
});
