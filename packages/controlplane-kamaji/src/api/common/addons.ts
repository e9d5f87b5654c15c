import { z } from 'zod';
import {
  resourceRequirementsSchema,
  securityContextSchema,
  tolerationSchema,
} from '../core/kubernetes-core.generated.js';

/** An addon image override (Kamaji's `AddonSpec`). */
export const addonSpecSchema = z.object({
  imageRepository: z.string().optional(),
  imageTag: z.string().optional(),
});

/** CoreDNS image override plus the DNS Service IPs of the tenant cluster. */
export const coreDnsAddonSchema = addonSpecSchema.extend({
  dnsServiceIPs: z.array(z.string()).optional(),
});

const KONNECTIVITY_AGENT_IMAGE = 'registry.k8s.io/kas-network-proxy/proxy-agent';
const KONNECTIVITY_SERVER_IMAGE = 'registry.k8s.io/kas-network-proxy/proxy-server';

const konnectivityAgentSchema = z
  .object({
    image: z.string().default(KONNECTIVITY_AGENT_IMAGE),
    version: z.string().optional(),
    tolerations: z.array(tolerationSchema).default([{ key: 'CriticalAddonsOnly', operator: 'Exists' }]),
    extraArgs: z.array(z.string()).optional(),
    hostNetwork: z.boolean().default(false),
    mode: z.enum(['DaemonSet', 'Deployment']).default('DaemonSet'),
    replicas: z.int32().optional(),
  })
  .meta({
    'x-kubernetes-validations': [
      {
        rule: "!(self.mode == 'DaemonSet' && has(self.replicas) && self.replicas != 0) && !(self.mode == 'Deployment' && has(self.replicas) && self.replicas == 0)",
        message:
          'replicas must be 0 (or unset) when mode is DaemonSet, and greater than 0 (or unset) when mode is Deployment',
      },
    ],
  })
  .prefault({ image: KONNECTIVITY_AGENT_IMAGE, mode: 'DaemonSet' });

const konnectivityServerFields = {
  port: z.int32(),
  version: z.string().optional(),
  image: z.string().default(KONNECTIVITY_SERVER_IMAGE),
  resources: resourceRequirementsSchema.optional(),
  extraArgs: z.array(z.string()).optional(),
};

/**
 * The `addons` block: CoreDNS, konnectivity and kube-proxy. `v1alpha2` adds the konnectivity server's
 * `securityContext`, which `v1alpha1` (the provider up to v0.19) does not have.
 */
export function addonsSchema(options: { serverSecurityContext: boolean }) {
  const server = options.serverSecurityContext
    ? z.object({ ...konnectivityServerFields, securityContext: securityContextSchema.optional() })
    : z.object(konnectivityServerFields);
  return z.object({
    coreDNS: coreDnsAddonSchema.optional(),
    konnectivity: z
      .object({
        server: server.prefault({ image: KONNECTIVITY_SERVER_IMAGE, port: 8132 }),
        agent: konnectivityAgentSchema,
      })
      .optional(),
    kubeProxy: addonSpecSchema.optional(),
  });
}
