import { type CloudConfig, type KeystoneCredentials, KeystoneSession, Secret } from '../../src/openstack/index.js';
import type { TestCloud, TestCloudPasswordCredentials } from '../../test-support/test-cloud.js';

/** Who a contract test talks to the cloud as. */
export type TestIdentity = 'admin' | 'demo' | 'application-credential';

/** The client configuration of a test cloud, as a clouds.yaml entry would produce it. */
export function cloudConfigFor(cloud: TestCloud, identity: TestIdentity, password?: string): CloudConfig {
  return {
    cloudName: `${cloud.kind}-${identity}`,
    authUrl: cloud.authUrl,
    credentials: credentialsFor(cloud, identity, password),
    regionName: cloud.regionName,
    interface: 'public',
    verify: true,
    caCert: cloud.caCert,
  };
}

/** A session of the client against a test cloud. */
export function sessionFor(cloud: TestCloud, identity: TestIdentity): KeystoneSession {
  return new KeystoneSession(cloudConfigFor(cloud, identity));
}

function credentialsFor(cloud: TestCloud, identity: TestIdentity, password?: string): KeystoneCredentials {
  if (identity === 'application-credential') {
    return {
      type: 'application-credential',
      credential: { id: cloud.applicationCredential.id },
      secret: new Secret(cloud.applicationCredential.secret),
    };
  }
  const user: TestCloudPasswordCredentials = identity === 'admin' ? cloud.admin : cloud.demo;
  return {
    type: 'password',
    user: { name: user.username, domain: { name: user.userDomainName } },
    password: new Secret(password ?? user.password),
    project: { name: user.projectName, domain: { name: user.projectDomainName } },
  };
}
