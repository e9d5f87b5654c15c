import { z } from 'zod';
import { lxcMachineImageSourceSchema } from './image-source.js';

/** Values of `spec.instanceType`; the empty string means `container`. */
export const LXC_INSTANCE_TYPES = ['container', 'virtual-machine', 'kind', ''] as const;

/** `spec` of an LXCMachine (and of the LXCMachines an LXCMachineTemplate stamps out). */
export const lxcMachineSpecSchema = z
  .object({
    providerID: z.string().describe('Set by the controller to lxc:///<instance name>.').optional(),
    instanceType: z
      .enum(LXC_INSTANCE_TYPES)
      .describe(
        'Instance type: container (the default when empty), virtual-machine, or kind (an OCI container from a ' +
          'kindest/node image; needs the instance_oci and instance_oci_entrypoint server extensions).',
      )
      .optional(),
    flavor: z.string().describe('Instance size, e.g. t3.micro or c2-m4 (2 cores, 4 GB memory).').optional(),
    profiles: z.array(z.string()).describe('Incus profiles to attach to the instance.').optional(),
    devices: z
      .array(z.string())
      .describe('Device overrides, each "<device>,<key>=<value>[,<key>=<value>...]", e.g. "eth0,type=nic,network=n1".')
      .optional(),
    config: z
      .record(z.string(), z.string())
      .describe(
        'Extra instance configuration keys. cloud-init.user-data and user.cluster-name, user.cluster-namespace, ' +
          'user.cluster-role and user.machine-name are always set by the controller.',
      )
      .optional(),
    image: lxcMachineImageSourceSchema
      .describe('Image of the instance; when unset, the kubeadm image of the machine version from the default server.')
      .optional(),
    target: z
      .string()
      .describe('Cluster member ("name") or cluster group ("@name") to place the instance on; ignored when standalone.')
      .optional(),
  })
  .describe('The desired state of an LXCMachine.');

/** `spec` of an LXCMachine. */
export type LXCMachineSpec = z.output<typeof lxcMachineSpecSchema>;
/** An instance type as written in `spec.instanceType`. */
export type LXCInstanceType = (typeof LXC_INSTANCE_TYPES)[number];
