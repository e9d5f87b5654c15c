import { celRule, intOrString, listType, mapType } from '@capi-ts/sdk';
import { z } from 'zod';

// Small building blocks shared by the KubeadmConfig v1beta2 schemas: bounded strings and lists with the exact
// limits Cluster API v1.14 declares, so that the same manifests are accepted and rejected.

/** A string of `min`..`max` characters. */
export function boundedString(min: number, max: number): z.ZodString {
  return z.string().min(min).max(max);
}

/** An atomic list of `min`..`max` items. */
export function boundedList<T extends z.ZodType>(item: T, min: number, max: number): z.ZodArray<T> {
  return listType(z.array(item).min(min).max(max), 'atomic');
}

/** An atomic list of at most `max` items (no lower bound). */
export function cappedList<T extends z.ZodType>(item: T, max: number): z.ZodArray<T> {
  return listType(z.array(item).max(max), 'atomic');
}

/** Marks an object schema as needing at least one property (`minProperties: 1`, Go's `MinProperties=1`). */
export function nonEmpty<T extends z.ZodType>(schema: T): T {
  return schema.meta({ ...(schema.meta() ?? {}), minProperties: 1 }) as T;
}

/** A command-line argument of a control-plane component or the kubelet. */
export const argSchema = z
  .object({
    name: boundedString(1, 256).describe('Name of the argument, without leading dashes.'),
    value: boundedString(0, 1024).describe('Value of the argument.'),
  })
  .describe('A command-line argument.');

/** `extraArgs` / `kubeletExtraArgs`: an ordered list of arguments with unique names. */
export function argList(field: 'extraArgs' | 'kubeletExtraArgs'): z.ZodArray<typeof argSchema> {
  return celRule(
    listType(z.array(argSchema).min(1).max(100), 'map', ['name', 'value']),
    'self.all(x, self.exists_one(y, x.name == y.name))',
    `${field} name must be unique`,
  );
}

/** A reference to one key of a Secret in the config's namespace. */
export const secretKeyReferenceSchema = z
  .object({
    name: boundedString(1, 253).describe('Name of the Secret in the namespace of the KubeadmConfig.'),
    key: boundedString(1, 256).describe('Key of the Secret to read.'),
  })
  .describe('A key of a Secret.');

const envVarSourceSchema = z
  .object({
    configMapKeyRef: mapType(
      z
        .object({
          key: z.string().describe('The key to select.'),
          name: z.string().default('').describe('Name of the ConfigMap.'),
          optional: z.boolean().describe('Whether the ConfigMap or its key may be missing.').optional(),
        })
        .describe('Selects a key of a ConfigMap.'),
      'atomic',
    ).optional(),
    fieldRef: mapType(
      z
        .object({
          apiVersion: z.string().describe('Version of the schema fieldPath is written in.').optional(),
          fieldPath: z.string().describe('Path of the field to select.'),
        })
        .describe('Selects a field of the pod.'),
      'atomic',
    ).optional(),
    fileKeyRef: mapType(
      z
        .object({
          key: z.string().describe('The key within the env file.'),
          optional: z.boolean().default(false).describe('Whether the file or key may be missing.'),
          path: z.string().describe('Path of the env file within the volume.'),
          volumeName: z.string().describe('Name of the volume holding the env file.'),
        })
        .describe('Selects a key of an env file.'),
      'atomic',
    ).optional(),
    resourceFieldRef: mapType(
      z
        .object({
          containerName: z.string().describe('Container name.').optional(),
          divisor: intOrString()
            .meta({
              pattern:
                '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$',
            })
            .describe('Output format of the exposed resources.')
            .optional(),
          resource: z.string().describe('Resource to select.'),
        })
        .describe('Selects a resource of the container.'),
      'atomic',
    ).optional(),
    secretKeyRef: mapType(
      z
        .object({
          key: z.string().describe('The key of the Secret to select.'),
          name: z.string().default('').describe('Name of the Secret.'),
          optional: z.boolean().describe('Whether the Secret or its key may be missing.').optional(),
        })
        .describe('Selects a key of a Secret.'),
      'atomic',
    ).optional(),
  })
  .describe('Source of an environment variable value.');

/** An environment variable of a static-pod container (`corev1.EnvVar`). */
export const envVarSchema = z
  .object({
    name: z.string().describe('Name of the environment variable.'),
    value: z.string().describe('Value of the environment variable.').optional(),
    valueFrom: envVarSourceSchema.optional(),
  })
  .describe('An environment variable.');

/** A host path mounted into a static-pod container. */
export const hostPathMountSchema = z
  .object({
    name: boundedString(1, 512).describe('Name of the volume inside the pod template.'),
    hostPath: boundedString(1, 512).describe('Path on the host to mount.'),
    mountPath: boundedString(1, 512).describe('Path inside the pod where hostPath is mounted.'),
    readOnly: z.boolean().describe('Whether the volume is mounted read-only.').optional(),
    pathType: z.string().describe('Type of the host path.').optional(),
  })
  .describe('A host path mounted into a static pod.');

/** A Kubernetes taint (`corev1.Taint`). */
export const taintSchema = z
  .object({
    key: z.string().describe('The taint key.'),
    value: z.string().describe('The taint value.').optional(),
    effect: z.string().describe('NoSchedule, PreferNoSchedule or NoExecute.'),
    timeAdded: z.iso.datetime({ offset: true }).describe('When the taint was added (NoExecute only).').optional(),
  })
  .describe('A node taint.');
