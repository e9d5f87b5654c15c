import { insertImage, type SimulatorImage } from './glance.js';
import type { ApplicationCredentialRecord, ProjectRecord, UserRecord } from './identity-state.js';
import { insertNetwork } from './neutron/networks.js';
import { insertSubnet } from './neutron/subnets.js';
import type { SimulatorFlavor } from './nova/records.js';
import type { SimulatorRuntime } from './runtime.js';

/** The accounts and shared resources a fresh simulator starts with. */
export interface SeededCloud {
  readonly adminProject: ProjectRecord;
  readonly demoProject: ProjectRecord;
  readonly admin: UserRecord;
  readonly demo: UserRecord;
  readonly applicationCredential: ApplicationCredentialRecord;
  readonly externalNetworkId: string;
  readonly externalSubnetId: string;
}

/** What the simulator's set-up creates besides accounts. */
export interface SeedConfig {
  readonly externalNetworkName: string;
  readonly flavors: readonly SimulatorFlavor[];
  readonly images: readonly SimulatorImage[];
  /** Compute and volume availability zones. */
  readonly availabilityZones: readonly string[];
  /** Octavia provider names (`amphora`, `octavia`, `ovn`). */
  readonly octaviaProviders: readonly string[];
  /** Octavia flavor names offered (enabled). */
  readonly octaviaFlavors: readonly string[];
}

const providerDescriptions: Readonly<Record<string, string>> = {
  amphora: 'The Octavia Amphora driver.',
  octavia: 'Deprecated alias of the Octavia Amphora driver.',
  ovn: 'Octavia OVN driver.',
};

/** Fixed credentials of the seeded users (test-only cloud). */
export const seededPasswords = { admin: 'simulator-admin-password', demo: 'simulator-demo-password' } as const;

/**
 * Seeds Keystone (domain `Default`, projects `admin` and `demo`, users `admin` (admin) and `demo` (member), an
 * application credential of `demo`), Neutron (the external network with subnet 172.24.4.0/24), Nova flavors and
 * availability zones, Glance images, Cinder volume types (`__DEFAULT__`, `lvmdriver-1`, `multiattach`) and
 * Octavia providers and flavors.
 */
export function seedCloud(runtime: SimulatorRuntime, config: SeedConfig): SeededCloud {
  const { externalNetworkName } = config;
  const { identity } = runtime.state;
  identity.domains.set('default', { id: 'default', name: 'Default' });
  for (const role of ['admin', 'member', 'reader']) identity.roles.set(role, runtime.ids.hex(32));
  const project = (name: string): ProjectRecord => {
    const record = { id: runtime.ids.hex(32), name, domainId: 'default' };
    identity.projects.set(record.id, record);
    return record;
  };
  const adminProject = project('admin');
  const demoProject = project('demo');
  const user = (name: string, password: string, projectId: string, roles: string[]): UserRecord => {
    const record = {
      id: runtime.ids.hex(32),
      name,
      domainId: 'default',
      password,
      rolesByProject: new Map([[projectId, roles]]),
    };
    identity.users.set(record.id, record);
    return record;
  };
  const admin = user('admin', seededPasswords.admin, adminProject.id, ['admin', 'member', 'reader']);
  const demo = user('demo', seededPasswords.demo, demoProject.id, ['member', 'reader']);
  const applicationCredential: ApplicationCredentialRecord = {
    id: runtime.ids.hex(32),
    name: 'simulator-demo',
    secret: runtime.ids.hex(43),
    userId: demo.id,
    projectId: demoProject.id,
  };
  identity.applicationCredentials.set(applicationCredential.id, applicationCredential);

  const network = insertNetwork(runtime, adminProject.id, {
    name: externalNetworkName,
    'router:external': true,
    mtu: 1500,
  });
  const subnet = insertSubnet(runtime, adminProject.id, {
    network_id: network.id,
    name: `${externalNetworkName}-subnet`,
    cidr: '172.24.4.0/24',
    enable_dhcp: false,
  });
  runtime.state.seeded.add(network.id).add(subnet.id);

  const { compute, volume, loadBalancer } = runtime.state;
  for (const flavor of config.flavors) compute.flavors.set(flavor.id, flavor);
  compute.availabilityZones = [...config.availabilityZones];
  volume.availabilityZones = [...config.availabilityZones];
  for (const image of config.images) runtime.state.seeded.add(insertImage(runtime, image, adminProject.id).id);
  for (const [name, extraSpecs] of [
    ['__DEFAULT__', {}],
    ['lvmdriver-1', { volume_backend_name: 'lvmdriver-1' }],
    ['multiattach', { multiattach: '<is> True' }],
  ] as const) {
    const id = runtime.ids.uuid();
    volume.types.set(id, {
      id,
      name,
      description: name === '__DEFAULT__' ? 'Default Volume Type' : null,
      extra_specs: { ...extraSpecs },
    });
  }
  for (const name of config.octaviaProviders)
    loadBalancer.providers.set(name, providerDescriptions[name] ?? `${name} provider`);
  for (const name of config.octaviaFlavors) {
    const id = runtime.ids.uuid();
    loadBalancer.flavors.set(id, { id, name, description: name, enabled: true, flavor_profile_id: runtime.ids.uuid() });
  }
  return {
    adminProject,
    demoProject,
    admin,
    demo,
    applicationCredential,
    externalNetworkId: network.id,
    externalSubnetId: subnet.id,
  };
}
