import { builtin, type KubeClient } from '@capi-ts/sdk';
import { OpenStackClusterIdentity } from '../api/v1alpha1/openstack-cluster-identity.js';
import type { IdentityRef } from '../api/v1beta1/identity.js';
import { identityAllowsNamespace } from '../controllers/shared/identity-access.js';
import { type CloudConfig, cloudFromSecret } from '../openstack/clouds-yaml.js';
import { OpenStackConfigError } from '../openstack/errors.js';

/** Why the credentials of an object could not be read; used as the condition reason. */
export type IdentityProblem =
  | 'IdentitySecretNotFound'
  | 'IdentityNotFound'
  | 'IdentityAccessDenied'
  | 'InvalidCloudsYaml'
  | 'CloudNotFound';

/** The credentials named by an `identityRef` cannot be used; fixing the Secret or the identity fixes it. */
export class IdentityError extends Error {
  override name = 'IdentityError';
  constructor(
    readonly problem: IdentityProblem,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The cloud an object's `identityRef` names, read live (Secrets stay out of the cache), as CAPO's
 * `NewClientScopeFromObject` does: a Secret in the object's namespace, or the Secret of a cluster-scoped
 * OpenStackClusterIdentity whose `namespaceSelector` admits that namespace; then the `clouds.yaml` entry
 * `cloudName`, the `region` override and the `cacert` key, else `defaultCaCert` (CAPO's `--ca-certs`). Throws an
 * {@link IdentityError}.
 */
export async function cloudForIdentity(
  client: KubeClient,
  namespace: string,
  identityRef: IdentityRef,
  defaultCaCert?: string,
): Promise<CloudConfig> {
  let secretNamespace = namespace;
  let secretName = identityRef.name;
  if (identityRef.type === 'ClusterIdentity') {
    const identity = await client.getOptional(OpenStackClusterIdentity, { name: identityRef.name });
    if (!identity) {
      throw new IdentityError('IdentityNotFound', `OpenStackClusterIdentity ${identityRef.name} not found`);
    }
    const ns = await client.getOptional(builtin.namespace, { name: namespace });
    if (!identityAllowsNamespace(identity, ns?.metadata.labels ?? {})) {
      throw new IdentityError(
        'IdentityAccessDenied',
        `OpenStackClusterIdentity ${identityRef.name} may not be used from namespace ${namespace}`,
      );
    }
    secretNamespace = identity.spec.secretRef.namespace;
    secretName = identity.spec.secretRef.name;
  }
  const secret = await client.getOptional(builtin.secret, { namespace: secretNamespace, name: secretName });
  if (!secret) {
    throw new IdentityError('IdentitySecretNotFound', `Secret ${secretNamespace}/${secretName} not found`);
  }
  const cloudsYaml = secretValue(secret.data, 'clouds.yaml');
  if (cloudsYaml === undefined) {
    throw new IdentityError('InvalidCloudsYaml', `Secret ${secretNamespace}/${secretName} has no clouds.yaml key`);
  }
  try {
    return cloudFromSecret({
      cloudsYaml,
      cloudName: identityRef.cloudName,
      region: identityRef.region,
      caCert: secretValue(secret.data, 'cacert') ?? defaultCaCert,
    });
  } catch (error) {
    if (!(error instanceof OpenStackConfigError)) throw error;
    const problem = error.message.includes('is not in clouds.yaml') ? 'CloudNotFound' : 'InvalidCloudsYaml';
    throw new IdentityError(problem, `Secret ${secretNamespace}/${secretName}: ${error.message}`);
  }
}

function secretValue(data: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  const encoded = data?.[key];
  return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
}
