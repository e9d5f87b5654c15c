import { intOrString } from '@capi-ts/sdk';
import { z } from 'zod';

const stringMap = z.record(z.string(), z.string());

/** An extra port on the tenant API server's Service (Kamaji's `AdditionalPort`). */
export const additionalPortSchema = z.object({
  name: z.string(),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).default('TCP'),
  appProtocol: z.string().optional(),
  port: z.int32(),
  targetPort: intOrString(),
});

/** Load balancer options of the tenant API server's Service; only valid with `serviceType: LoadBalancer`. */
export const loadBalancerConfigSchema = z.object({
  loadBalancerSourceRanges: z.array(z.string()).optional(),
  loadBalancerClass: z
    .string()
    .min(1)
    .meta({ 'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'LoadBalancerClass is immutable' }] })
    .optional(),
});

/** Exposes the tenant API server through an Ingress. */
export const ingressComponentSchema = z.object({
  className: z.string().optional(),
  hostname: z.string().min(1),
  extraLabels: stringMap.optional(),
  extraAnnotations: stringMap.optional(),
});

const gatewayFields = {
  name: z.string().min(1),
  namespace: z.string().min(1),
  hostname: z.string().min(1),
  extraLabels: stringMap.optional(),
  extraAnnotations: stringMap.optional(),
};

/** Exposes the tenant API server through a Gateway API route; `v1alpha2` adds `sectionName` and `port`. */
export const gatewayComponentSchema = z.object({
  ...gatewayFields,
  sectionName: z.string().min(1).max(253).optional(),
  port: z.int32().min(1).max(65535).optional(),
});
/** The `v1alpha1` gateway block, without `sectionName` and `port`. */
export const gatewayComponentV1alpha1Schema = z.object(gatewayFields);

const SOURCE_RANGES_RULE = {
  rule: "!has(self.loadBalancerConfig) || !has(self.loadBalancerConfig.loadBalancerSourceRanges) || (size(self.loadBalancerConfig.loadBalancerSourceRanges) == 0 || self.serviceType == 'LoadBalancer')",
  message: 'LoadBalancerSourceRanges are supported only with LoadBalancer service type',
};
const CLASS_RULE = {
  rule: "!has(self.loadBalancerConfig) || !has(self.loadBalancerConfig.loadBalancerClass) || self.serviceType == 'LoadBalancer'",
  message: 'LoadBalancerClass is supported only with LoadBalancer service type',
};
/** v1alpha1 keeps this transition rule on the network block; v1alpha2 moved it onto `loadBalancerConfig`. */
const V1ALPHA1_CLASS_TRANSITION_RULE = {
  rule: "self.serviceType != 'LoadBalancer' || (oldSelf.serviceType != 'LoadBalancer' && self.serviceType == 'LoadBalancer') || !has(self.loadBalancerConfig) || has(self.loadBalancerConfig) && has(self.loadBalancerConfig.loadBalancerClass) == has(oldSelf.loadBalancerConfig.loadBalancerClass)",
  message: 'LoadBalancerClass cannot be set or unset at runtime',
};
const V1ALPHA2_CLASS_TRANSITION_RULE = {
  rule: 'has(self.loadBalancerClass) == has(oldSelf.loadBalancerClass)',
  message: 'LoadBalancerClass cannot be set or unset at runtime',
};

const networkFields = {
  serviceType: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']).default('LoadBalancer'),
  serviceAddress: z.string().optional(),
  advertiseAddress: z.string().optional(),
  serviceLabels: stringMap.optional(),
  serviceAnnotations: stringMap.optional(),
  certSANs: z.array(z.string()).optional(),
  dnsServiceIPs: z.array(z.string()).optional(),
  ingress: ingressComponentSchema.optional(),
};

/** `spec.network` of `v1alpha2`: how the tenant API server is exposed. Defaults to a LoadBalancer Service. */
export const networkSchema = z
  .object({
    ...networkFields,
    loadBalancerConfig: loadBalancerConfigSchema
      .meta({ 'x-kubernetes-validations': [V1ALPHA2_CLASS_TRANSITION_RULE] })
      .optional(),
    gateway: gatewayComponentSchema.optional(),
    additionalServicePorts: z.array(additionalPortSchema).optional(),
  })
  .meta({ 'x-kubernetes-validations': [SOURCE_RANGES_RULE, CLASS_RULE] })
  .prefault({ serviceType: 'LoadBalancer' });

/** `spec.network` of `v1alpha1`. */
export const networkV1alpha1Schema = z
  .object({
    ...networkFields,
    loadBalancerConfig: loadBalancerConfigSchema.optional(),
    gateway: gatewayComponentV1alpha1Schema.optional(),
  })
  .meta({ 'x-kubernetes-validations': [SOURCE_RANGES_RULE, CLASS_RULE, V1ALPHA1_CLASS_TRANSITION_RULE] })
  .prefault({ serviceType: 'LoadBalancer' });
