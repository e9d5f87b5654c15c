import type { OpenStackServer } from '../../api/v1alpha1/openstack-server.js';
import type { OpenStackSession } from '../../openstack/index.js';

/**
 * The OpenStack session a server is managed with (its `identityRef` resolved to credentials). The controllers take
 * it as a parameter so that the credentials scope (clouds.yaml Secret, OpenStackClusterIdentity, session cache)
 * stays in one place.
 */
export type ServerSessionProvider = (server: Readonly<OpenStackServer>) => Promise<OpenStackSession>;
