import { clusterApiCrdDirectory, startTestEnvironment, type TestEnvironment } from '@capi-ts/sdk/testing';

/**
 * A local Cluster API management plane: a real kube-apiserver + etcd with the Cluster API core CRDs installed.
 * Providers and the Cluster API controllers attach to it through {@link TestEnvironment.kubeconfigPath}.
 */
export async function startManagementPlane(): Promise<TestEnvironment> {
  return await startTestEnvironment({ crds: [clusterApiCrdDirectory()] });
}
