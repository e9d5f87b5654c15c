import { type KubeObject, resourceType } from '@capi-ts/sdk';

/** Pods of the workload cluster. */
export const podType = resourceType<KubeObject>('v1', 'Pod', 'pods', true);

/** The image CACPM runs its helper pods with (curl, plus a shell). */
export const HELPER_IMAGE = 'curlimages/curl:7.87.0';

/** A privileged, root helper Pod pinned to `nodeName`, with one hostPath volume mounted at the same path. */
export function helperPod(input: {
  name: string;
  namespace: string;
  nodeName: string;
  args: string[];
  hostPath: string;
  hostPathType: 'Socket' | 'Directory';
  restartPolicy: 'OnFailure' | 'Never';
}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      labels: { 'app.kubernetes.io/managed-by': 'capi-ts-controlplane-microk8s' },
    },
    spec: {
      nodeName: input.nodeName,
      restartPolicy: input.restartPolicy,
      tolerations: [{ operator: 'Exists' }],
      containers: [
        {
          name: 'helper',
          image: HELPER_IMAGE,
          command: ['curl'],
          args: input.args,
          securityContext: { privileged: true, runAsUser: 0 },
          volumeMounts: [{ name: 'host', mountPath: input.hostPath, readOnly: true }],
        },
      ],
      volumes: [{ name: 'host', hostPath: { path: input.hostPath, type: input.hostPathType } }],
    },
  } as KubeObject;
}
