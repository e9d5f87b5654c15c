import type { ApplicationCredentialRecord, ProjectRecord, UserRecord } from './identity-state.js';
import { insertNetwork } from './neutron/networks.js';
import { insertSubnet } from './neutron/subnets.js';
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

/** Fixed credentials of the seeded users (test-only cloud). */
export const seededPasswords = { admin: 'simulator-admin-password', demo: 'simulator-demo-password' } as const;

/**
 * Seeds Keystone (domain `Default`, projects `admin` and `demo`, users `admin` (admin) and `demo` (member), an
 * application credential of `demo`) and Neutron (the shared external network `public` with subnet 172.24.4.0/24).
 */
export function seedCloud(runtime: SimulatorRuntime, externalNetworkName: string): SeededCloud {
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

  const network = insertNetwork(runtime, adminProject.id, { name: externalNetworkName, 'router:external': true });
  const subnet = insertSubnet(runtime, adminProject.id, {
    network_id: network.id,
    name: `${externalNetworkName}-subnet`,
    cidr: '172.24.4.0/24',
    enable_dhcp: false,
  });
  runtime.state.seeded.add(network.id).add(subnet.id);
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
