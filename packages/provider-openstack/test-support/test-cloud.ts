/**
 * The shape every OpenStack test cloud exposes — the real Keystone + Neutron started by
 * `scripts/openstack/` and the in-process simulator alike — so one contract suite can run against both.
 */

/** Password credentials of a user scoped to a project (all names in the `Default` domain unless given). */
export interface TestCloudPasswordCredentials {
  readonly username: string;
  readonly password: string;
  readonly projectName: string;
  readonly userDomainName: string;
  readonly projectDomainName: string;
}

/** An application credential created for the demo user in the demo project. */
export interface TestCloudApplicationCredential {
  readonly id: string;
  readonly name: string;
  readonly secret: string;
}

/** A running OpenStack test cloud. */
export interface TestCloud {
  /** `real` for the Debian Keystone/Neutron services, `simulator` for the in-process simulator. */
  readonly kind: 'real' | 'simulator';
  /** Keystone v3 endpoint, e.g. `http://127.0.0.1:35357/v3`. */
  readonly authUrl: string;
  /** Region name the catalog's endpoints are registered in. */
  readonly regionName: string;
  /** PEM CA bundle when the endpoints are served over TLS. */
  readonly caCert?: string;
  /** Admin user in the admin project. */
  readonly admin: TestCloudPasswordCredentials;
  /** Unprivileged user in the demo project. */
  readonly demo: TestCloudPasswordCredentials;
  /** Application credential of the demo user. */
  readonly applicationCredential: TestCloudApplicationCredential;
  /** Name of a shared external (router:external) network. */
  readonly externalNetworkName: string;
  /** Service types present in the catalog, e.g. `identity`, `network`, `compute`. */
  readonly services: readonly string[];
  /** Releases what this handle started (stops the simulator; the real services keep running for later suites). */
  stop(): Promise<void>;
}
