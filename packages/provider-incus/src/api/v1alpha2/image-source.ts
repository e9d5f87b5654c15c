import { z } from 'zod';

/**
 * Where an instance image comes from (`LXCMachineImageSource`): an alias or prefixed name (`ubuntu:24.04`,
 * `capi:kubeadm/VERSION`), a fingerprint, and optionally the remote server and its protocol.
 */
export const lxcMachineImageSourceSchema = z
  .object({
    name: z
      .string()
      .describe(
        'Image name or alias. Recognised prefixes: ubuntu:, debian:, images:, capi:, capi-stg: (see the image ' +
          'documentation); every VERSION in the name is replaced with the Kubernetes version of the machine.',
      )
      .optional(),
    fingerprint: z.string().describe('Image fingerprint.').optional(),
    server: z.string().describe('Remote image server, e.g. "https://images.linuxcontainers.org".').optional(),
    protocol: z.string().describe('Protocol of the remote server, e.g. "simplestreams" or "oci".').optional(),
  })
  .describe('The image an instance is created from.');

/** An image source as written in an LXCMachine or load balancer spec. */
export type LXCMachineImageSource = z.output<typeof lxcMachineImageSourceSchema>;
