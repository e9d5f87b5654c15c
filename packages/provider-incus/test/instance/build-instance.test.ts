import { describe, expect, it } from 'vitest';
import {
  buildInstance,
  DEFAULT_SIMPLESTREAMS_SERVER,
  INSTALL_KUBEADM_PATH,
  type InstanceInput,
  InstanceSpecError,
  installKubeadmScript,
  KIND_CLOUD_INIT_JSON_PATH,
  kindCloudInitScript,
  kindLaunchService,
  missingCapabilities,
  parseAptMode,
} from '../../src/instance/index.js';

const bootstrap =
  '## template: jinja\n#cloud-config\nwrite_files:\n- path: /etc/hello\n  owner: root:root\n  permissions: "0640"\n  content: |\n    host {{ v1.local_hostname }}\nruncmd:\n- echo one\n- "kubeadm init"\n';

function input(overrides: Partial<InstanceInput> = {}): InstanceInput {
  return {
    name: 'c1-6n84z-lxj6v',
    spec: { instanceType: 'container', flavor: 'c2-m4', profiles: ['default'] },
    clusterName: 'c1',
    clusterNamespace: 'default',
    machineName: 'c1-6n84z-lxj6v',
    controlPlane: true,
    version: 'v1.33.0',
    unprivileged: false,
    skipDefaultKubeadmProfile: false,
    serverKind: 'incus',
    serverClustered: false,
    bootstrapData: bootstrap,
    ...overrides,
  };
}

describe('buildInstance: containers', () => {
  it('builds the privileged control-plane container request as CAPN does', () => {
    const plan = buildInstance(input());
    expect(plan.request).toEqual({
      name: 'c1-6n84z-lxj6v',
      type: 'container',
      instance_type: 'c2-m4',
      source: {
        type: 'image',
        protocol: 'simplestreams',
        server: DEFAULT_SIMPLESTREAMS_SERVER,
        alias: 'kubeadm/v1.33.0',
      },
      profiles: ['default'],
      devices: {
        'kubelet-dev-kmsg': { type: 'unix-char', source: '/dev/kmsg', path: '/dev/kmsg' },
        'kubeadm-host-boot': { type: 'disk', source: '/boot', path: '/usr/lib/ostree-boot', readonly: 'true' },
      },
      config: {
        'cloud-init.user-data': bootstrap,
        'linux.kernel_modules':
          'ip_vs,ip_vs_rr,ip_vs_wrr,ip_vs_sh,ip_tables,ip6_tables,iptable_raw,netlink_diag,nf_nat,overlay,br_netfilter,xt_socket',
        'raw.lxc':
          'lxc.apparmor.profile=unconfined\nlxc.mount.auto=proc:rw sys:rw cgroup:rw\nlxc.cgroup.devices.allow=a\nlxc.cap.drop=\n',
        'security.nesting': 'true',
        'security.privileged': 'true',
        'user.cluster-name': 'c1',
        'user.cluster-namespace': 'default',
        'user.machine-name': 'c1-6n84z-lxj6v',
        'user.cluster-role': 'control-plane',
      },
    });
    expect(plan.templates).toEqual({ [INSTALL_KUBEADM_PATH]: installKubeadmScript });
    expect(plan.files).toEqual([]);
    expect(plan.target).toBeUndefined();
  });

  it('uses the unprivileged profiles (Incus and Canonical LXD) and can skip the profile', () => {
    const incus = buildInstance(input({ unprivileged: true, controlPlane: false }));
    expect(incus.request.config?.['security.privileged']).toBeUndefined();
    expect(incus.request.config?.['user.cluster-role']).toBe('worker');
    expect(Object.keys(incus.request.devices ?? {})).toEqual(['kubeadm-host-boot']);
    const lxd = buildInstance(input({ unprivileged: true, serverKind: 'lxd' }));
    expect(lxd.request.config?.['security.nesting']).toBe('true');
    expect(Object.keys(lxd.request.devices ?? {}).sort()).toEqual([
      '00-disable-apparmor',
      '00-disable-snapd',
      'kubeadm-host-boot',
    ]);
    const skipped = buildInstance(input({ skipDefaultKubeadmProfile: true }));
    expect(skipped.request.devices).toEqual({});
    expect(
      Object.keys(skipped.request.config ?? {}).filter(
        (key) => !key.startsWith('user.') && key !== 'cloud-init.user-data',
      ),
    ).toEqual([]);
  });

  it('lets spec.config and spec.devices override the profile, and the user.* keys override spec.config', () => {
    const plan = buildInstance(
      input({
        spec: {
          devices: ['kubeadm-host-boot,type=none', 'eth0,type=nic,network=my-net'],
          config: { 'security.nesting': 'false', 'user.cluster-name': 'spoofed', 'limits.cpu': '2' },
        },
      }),
    );
    expect(plan.request.devices?.['kubeadm-host-boot']).toEqual({ type: 'none' });
    expect(plan.request.devices?.eth0).toEqual({ type: 'nic', network: 'my-net' });
    expect(plan.request.config).toMatchObject({
      'security.nesting': 'false',
      'user.cluster-name': 'c1',
      'limits.cpu': '2',
    });
    expect(plan.request.profiles).toBeUndefined();
    expect(plan.request.instance_type).toBeUndefined();
  });

  it('places on the target (or the failure domain) only on clustered servers', () => {
    expect(buildInstance(input({ spec: { target: '@gpu' } })).target).toBeUndefined();
    expect(buildInstance(input({ spec: { target: '@gpu' }, serverClustered: true })).target).toBe('@gpu');
    expect(buildInstance(input({ spec: {}, failureDomain: 'member-2', serverClustered: true })).target).toBe(
      'member-2',
    );
  });

  it('adds the load balancer files to control-plane machines only', () => {
    const files = { '/etc/kubernetes/manifests/kube-vip.yaml': 'apiVersion: v1\nkind: Pod\n' };
    expect(buildInstance(input({ controlPlaneFiles: files })).templates).toMatchObject(files);
    expect(buildInstance(input({ controlPlane: false, controlPlaneFiles: files })).templates).not.toHaveProperty(
      '/etc/kubernetes/manifests/kube-vip.yaml',
    );
  });

  it('rejects unknown instance types and bad devices as spec errors', () => {
    expect(() => buildInstance(input({ spec: { instanceType: 'oci' } }))).toThrow(InstanceSpecError);
    expect(() => buildInstance(input({ spec: { devices: ['eth0'] } }))).toThrow(InstanceSpecError);
  });
});

describe('buildInstance: virtual machines (cannot run here: no KVM/vhost_vsock, payload and condition only)', () => {
  it('builds a virtual-machine request without the container profile', () => {
    const plan = buildInstance(input({ spec: { instanceType: 'virtual-machine', flavor: 'c2-m4' } }));
    expect(plan.request.type).toBe('virtual-machine');
    expect(plan.request.devices).toEqual({});
    expect(plan.request.config?.['security.privileged']).toBeUndefined();
    expect(plan.request.source.alias).toBe('kubeadm/v1.33.0');
    expect(plan.templates).toHaveProperty(INSTALL_KUBEADM_PATH);
  });

  it('names the missing qemu driver of a server that only runs containers', () => {
    const plan = buildInstance(input({ spec: { instanceType: 'virtual-machine' } }));
    const missing = missingCapabilities(
      { api_extensions: ['instance_oci'], environment: { driver: 'lxc' } as never },
      { instanceType: 'virtual-machine', source: plan.request.source },
    );
    expect(missing).toEqual([{ name: 'driver:qemu', message: expect.stringContaining('need the qemu driver') }]);
    expect(
      missingCapabilities(
        { api_extensions: [], environment: { driver: 'lxc | qemu' } as never },
        { instanceType: 'virtual-machine', source: plan.request.source },
      ),
    ).toEqual([]);
  });
});

describe('buildInstance: kind (OCI cannot run here: Incus 6.0 lacks instance_oci; payload and condition only)', () => {
  const kind = (config?: Record<string, string>): ReturnType<typeof buildInstance> =>
    buildInstance(input({ spec: { instanceType: 'kind', config }, podCidr: '10.244.0.0/16' }));

  it('builds an OCI container of kindest/node with the kind profile and node modifications', () => {
    const plan = kind();
    expect(plan.request.type).toBe('container');
    expect(plan.request.source).toEqual({
      type: 'image',
      protocol: 'oci',
      server: 'https://docker.io',
      alias: 'kindest/node:v1.33.0',
    });
    expect(plan.request.config).toMatchObject({ 'oci.entrypoint': '/init /sbin/init', 'security.privileged': 'true' });
    expect(plan.request.config?.['security.nesting']).toBeUndefined();
    expect(plan.request.devices?.['kubeadm-host-boot']).toMatchObject({
      source: '/boot',
      path: '/usr/lib/ostree-boot',
    });
    expect(plan.files).toEqual([
      { path: '/init', type: 'symlink', content: '/usr/local/bin/entrypoint' },
      {
        path: '/etc/systemd/system/multi-user.target.wants/cloud-init-launch.service',
        type: 'symlink',
        content: '/etc/systemd/system/cloud-init-launch.service',
      },
    ]);
    expect(plan.replacements).toEqual([
      { path: '/usr/local/bin/entrypoint', search: '>/etc/resolv.conf', replace: '>/etc/local-resolv.conf' },
      { path: '/kind/manifests/default-cni.yaml', search: '{{ .PodSubnet }}', replace: '10.244.0.0/16' },
    ]);
    expect(Object.keys(plan.templates).sort()).toEqual([
      '/etc/systemd/system/cloud-init-launch.service',
      '/hack/cloud-init.json',
      '/hack/cloud-init.py',
      '/var/lib/cloud/seed/nocloud-net/meta-data',
      '/var/lib/cloud/seed/nocloud-net/user-data',
    ]);
    expect(plan.templates).not.toHaveProperty(INSTALL_KUBEADM_PATH);
  });

  it('renders write_files and runcmd to JSON with the host name left to Incus', () => {
    expect(JSON.parse(kind().templates[KIND_CLOUD_INIT_JSON_PATH] ?? '')).toEqual({
      write_files: [
        { path: '/etc/hello', owner: 'root:root', permissions: '0640', content: 'host {{ container.name }}\n' },
      ],
      runcmd: ['echo one', 'kubeadm init'],
    });
  });

  it('installs cloud-init instead in apt mode', () => {
    const plan = kind({ 'user.capn.x-kind-apt-install-cloud-init': 'true' });
    expect(plan.templates).not.toHaveProperty(KIND_CLOUD_INIT_JSON_PATH);
    expect(plan.templates).toHaveProperty('/hack/cloud-init.py');
    expect(parseAptMode('1')).toBe(true);
    expect(parseAptMode(undefined)).toBe(false);
    expect(() => kind({ 'user.capn.x-kind-apt-install-cloud-init': 'yes' })).toThrow(/is not a boolean/);
  });

  it('rejects cloud-config the kind script cannot apply', () => {
    const withUsers =
      (bootstrapData: string): unknown =>
      () =>
        buildInstance(input({ spec: { instanceType: 'kind' }, bootstrapData }));
    expect(withUsers('#cloud-config\nusers: [a]\n')).toThrow(/key "users" is not supported/);
    expect(withUsers('runcmd: [a]\n')).toThrow(/missing required header #cloud-config/);
    expect(withUsers('#cloud-config\nwrite_files:\n- path: /x\n  encoding: b64\n')).toThrow(
      /encoding is not supported/,
    );
    expect(withUsers('#cloud-config\nruncmd:\n- [echo, a]\n')).toThrow(/must be a string/);
  });

  it('names the missing OCI extensions on Incus 6.0', () => {
    const plan = kind();
    const missing = missingCapabilities(
      { api_extensions: ['network_load_balancer'], environment: { driver: 'lxc' } as never },
      { instanceType: 'kind', source: plan.request.source },
    );
    expect(missing.map((m) => m.name)).toEqual(['instance_oci', 'instance_oci_entrypoint']);
    expect(missing[0]?.message).toContain('instance_oci');
  });
});

describe('injected files', () => {
  it('contain no Incus template markup (they are installed as pongo2 templates)', () => {
    for (const text of [installKubeadmScript, kindCloudInitScript, kindLaunchService]) {
      expect(text).not.toMatch(/\{\{|\{%|\{#/);
    }
  });
});
