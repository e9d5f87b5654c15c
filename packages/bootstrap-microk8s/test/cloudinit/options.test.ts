import { describe, expect, it } from 'vitest';
import {
  CloudInitInputError,
  initControlPlaneCloudConfig,
  joinControlPlaneCloudConfig,
  renderCloudConfig,
  workerCloudConfig,
} from '../../src/cloudinit/index.js';
import { AUTH_TOKEN, CA, defaulted, TOKEN } from './fixtures.js';

const roles = {
  init: (spec: unknown, version = 'v1.25.2', endpoint = 'k8s.my-domain.com') =>
    initControlPlaneCloudConfig({
      spec: defaulted(spec),
      kubernetesVersion: version,
      controlPlaneEndpoint: endpoint,
      joinToken: TOKEN,
      authToken: AUTH_TOKEN,
      ca: CA,
    }),
  'join-control-plane': (spec: unknown, version = 'v1.25.2', endpoint = 'k8s.my-domain.com') =>
    joinControlPlaneCloudConfig({
      spec: defaulted(spec),
      kubernetesVersion: version,
      controlPlaneEndpoint: endpoint,
      joinToken: TOKEN,
      authToken: AUTH_TOKEN,
      joinNodeIps: ['10.0.0.1'],
    }),
  worker: (spec: unknown, version = 'v1.25.2', endpoint = 'k8s.my-domain.com') =>
    workerCloudConfig({
      spec: defaulted(spec),
      kubernetesVersion: version,
      controlPlaneEndpoint: endpoint,
      joinToken: TOKEN,
      joinNodeIps: ['10.0.0.1'],
    }),
};
const line = (commands: string[], prefix: string) => commands.find((c) => c.startsWith(prefix));

describe.each(Object.entries(roles))('%s', (_role, render) => {
  describe.each(['stable', 'candidate', 'beta', 'edge'])('risk level %s', (risk) => {
    it('classic confinement installs --channel 1.25/<risk> --classic', () => {
      const { runCommands } = render({ initConfiguration: { riskLevel: risk, confinement: 'classic' } });
      expect(line(runCommands, '/capi-scripts/00-install-microk8s.sh')).toContain(`"--channel 1.25/${risk} --classic"`);
    });
    it('strict confinement installs --channel 1.25-strict/<risk>', () => {
      const { runCommands } = render({ initConfiguration: { riskLevel: risk, confinement: 'strict' } });
      expect(line(runCommands, '/capi-scripts/00-install-microk8s.sh')).toContain(`"--channel 1.25-strict/${risk}"`);
    });
  });

  it('defaults to the stable classic channel of the Machine version (v optional)', () => {
    const { runCommands } = render({ initConfiguration: {} }, '1.30.4');
    expect(line(runCommands, '/capi-scripts/00-install-microk8s.sh')).toContain('"--channel 1.30/stable --classic"');
  });

  it('without initConfiguration installs the track of the Machine version, as CABPM', () => {
    const { runCommands } = render({}, 'v1.30.4');
    expect(line(runCommands, '/capi-scripts/00-install-microk8s.sh')).toContain('"--channel 1.30 --classic"');
  });

  it('refuses strict confinement before 1.25', () => {
    expect(() => render({ initConfiguration: { confinement: 'strict' } }, 'v1.24.0')).toThrow(CloudInitInputError);
  });

  it('refuses a Machine version that is not semver', () => {
    expect(() => render({}, 'latest')).toThrow(/spec.version "latest"/);
  });

  it('passes the snap store proxy (scheme http by default) and its HTTP proxies', () => {
    const { runCommands } = render({
      initConfiguration: {
        snapstoreProxyDomain: 'snapstore.domain.com',
        snapstoreProxyId: 'ID123456789',
        snapstoreHTTPProxy: 'http://http.proxy:3128',
        snapstoreHTTPSProxy: 'http://https.proxy:3128',
      },
    });
    expect(runCommands).toContain(
      '/capi-scripts/00-configure-snapstore-proxy.sh "http" "snapstore.domain.com" "ID123456789"',
    );
    expect(runCommands).toContain(
      '/capi-scripts/00-configure-snapstore-http-proxy.sh "http://http.proxy:3128" "http://https.proxy:3128"',
    );
  });

  it('passes the containerd proxies', () => {
    const { runCommands } = render({
      initConfiguration: { httpProxy: 'http://p:1', httpsProxy: 'http://p:2', noProxy: '10.0.0.0/8' },
    });
    expect(runCommands).toContain(
      '/capi-scripts/10-configure-containerd-proxy.sh "http://p:1" "http://p:2" "10.0.0.0/8"',
    );
  });

  it('writes extraWriteFiles, then the extra kubelet arguments file, last', () => {
    const file = { content: 'x', path: '/etc/x', permissions: '0644', owner: 'root:root' };
    const { writeFiles } = render({
      initConfiguration: { extraWriteFiles: [file], extraKubeletArgs: ['--a=1', '--b=2'] },
    });
    expect(writeFiles.slice(-2)).toEqual([
      file,
      { content: '--a=1\n--b=2', path: '/var/tmp/extra-kubelet-args', permissions: '0400', owner: 'root:root' },
    ]);
  });

  it('writes no kubelet arguments file without extraKubeletArgs', () => {
    const { writeFiles } = render({ initConfiguration: {} });
    expect(writeFiles.map((f) => f.path)).not.toContain('/var/tmp/extra-kubelet-args');
  });

  it('puts bootCommands in bootcmd, preRunCommands first and postRunCommands last', () => {
    const { bootCommands, runCommands } = render({
      initConfiguration: { bootCommands: ['cmd1'], preRunCommands: ['cmd2'], postRunCommands: ['cmd3'] },
    });
    expect(bootCommands).toEqual(['cmd1']);
    expect(runCommands.slice(0, 2)).toEqual(['set -x', 'cmd2']);
    expect(runCommands.at(-1)).toBe('cmd3');
    expect(runCommands.at(-2)).toContain('bootstrap-success.complete');
  });

  it('uses MicroK8s ports without portCompatibilityRemap', () => {
    const { runCommands } = render({ clusterConfiguration: { portCompatibilityRemap: false } });
    expect(line(runCommands, '/capi-scripts/10-configure-cluster-agent-port.sh')).toBe(
      '/capi-scripts/10-configure-cluster-agent-port.sh "25000"',
    );
    const join = line(runCommands, '/capi-scripts/20-microk8s-join.sh');
    if (join) expect(join).toContain(`"10.0.0.1:25000/${TOKEN}"`);
  });

  it('escapes shell expansion in user values instead of running it', () => {
    const { runCommands } = render({ initConfiguration: { httpProxy: 'http://u:$(reboot)@p' } });
    expect(runCommands).toContain('/capi-scripts/10-configure-containerd-proxy.sh "http://u:\\$(reboot)@p" "" ""');
  });

  it('refuses a join token that is not 32 letters or digits', () => {
    expect(() =>
      workerCloudConfig({
        spec: undefined,
        kubernetesVersion: 'v1.30.0',
        controlPlaneEndpoint: 'x',
        joinToken: 'short',
        joinNodeIps: ['10.0.0.1'],
      }),
    ).toThrow(/join token/);
  });

  it('renders YAML that keeps every command and file intact', async () => {
    const { parse } = await import('yaml');
    const config = render({ initConfiguration: { preRunCommands: ['echo "a: b"', 'yes'], bootCommands: ['0600'] } });
    const parsed = parse(renderCloudConfig(config), { version: '1.1' }) as Record<string, unknown>;
    expect(parsed.runcmd).toEqual(config.runCommands);
    expect(parsed.bootcmd).toEqual(config.bootCommands);
    expect(parsed.write_files).toEqual(config.writeFiles);
  });
});

describe('role differences', () => {
  it('init and join control plane honour disableDefaultCNI; workers never do', () => {
    const spec = { initConfiguration: { disableDefaultCNI: true } };
    expect(line(roles.init(spec).runCommands, '/capi-scripts/00-install-microk8s.sh')).toMatch(/ true$/);
    expect(line(roles['join-control-plane'](spec).runCommands, '/capi-scripts/00-install-microk8s.sh')).toMatch(
      / true$/,
    );
    expect(line(roles.worker(spec).runCommands, '/capi-scripts/00-install-microk8s.sh')).toMatch(/ false$/);
  });

  it('init adds dns unless a dns addon is listed', () => {
    expect(roles.init({ initConfiguration: { addons: ['ingress'] } }).runCommands).toContain(
      '/capi-scripts/20-microk8s-enable.sh "ingress" "dns"',
    );
    expect(roles.init({ initConfiguration: { addons: ['coredns'] } }).runCommands).toContain(
      '/capi-scripts/20-microk8s-enable.sh "coredns"',
    );
  });

  it('workers enable the listed addons before joining (CABPM forgets them)', () => {
    const { runCommands } = roles.worker({ initConfiguration: { addons: ['cis-hardening'] } });
    const enable = runCommands.indexOf('/capi-scripts/20-microk8s-enable.sh "cis-hardening"');
    const join = runCommands.findIndex((c) => c.startsWith('/capi-scripts/20-microk8s-join.sh'));
    expect(enable).toBeGreaterThan(0);
    expect(enable).toBeLessThan(join);
  });

  it('workers refresh the API server proxy from 1.25 on', () => {
    expect(line(roles.worker({}, 'v1.25.0').runCommands, '/capi-scripts/30-configure-traefik.sh')).toMatch(/ yes$/);
    expect(line(roles.worker({}, 'v1.24.9').runCommands, '/capi-scripts/30-configure-traefik.sh')).toMatch(/ no$/);
  });

  it('an IP endpoint goes into the certificate as IP', () => {
    expect(roles.init({}, 'v1.30.0', '192.0.2.10').runCommands).toContain(
      '/capi-scripts/10-configure-cert-for-lb.sh "IP" "192.0.2.10"',
    );
  });

  it('control-plane roles use the 10-year token TTL when it is unset', () => {
    expect(roles.init({}).runCommands).toContain(`microk8s add-node --token-ttl 315569260 --token "${TOKEN}"`);
  });
});
