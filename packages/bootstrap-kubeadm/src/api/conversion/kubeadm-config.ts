import { defineConversion } from '@capi-ts/sdk';
import {
  KubeadmConfigTemplateV1beta1,
  type KubeadmConfigV1beta1,
  type KubeadmConfigTemplateV1beta1 as TemplateV1,
} from '../v1beta1/index.js';
import { KubeadmConfig, KubeadmConfigTemplate } from '../v1beta2/index.js';
import { specToV1beta1, specToV1beta2 } from './spec.js';
import { statusToV1beta1, statusToV1beta2 } from './status.js';

/** `object` with `spec` and `status` replaced, each left out when undefined (as `metadata` in templates). */
function withContent<T extends object>(object: T, spec: unknown, status?: unknown): Record<string, unknown> {
  const { spec: _spec, status: _status, ...rest } = object as Record<string, unknown>;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  if (spec !== undefined) out.spec = spec;
  if (status !== undefined) out.status = status;
  return out;
}

/**
 * KubeadmConfig v1beta1 ↔ v1beta2 (hub). Down-conversions keep what v1beta1 cannot hold (other timeouts, argument
 * order, `ignition.version`, ...) in the `cluster.x-k8s.io/conversion-data` annotation, as Cluster API does.
 */
export const kubeadmConfigConversion = defineConversion<KubeadmConfig>({
  hub: { apiVersion: KubeadmConfig.apiVersion, kind: 'KubeadmConfig' },
  spokes: [
    {
      apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta1',
      toHub: (spoke) => {
        const { spec, status, ...rest } = spoke as KubeadmConfigV1beta1;
        return withContent(rest, spec && specToV1beta2(spec), status && statusToV1beta2(status)) as KubeadmConfig;
      },
      fromHub: (hub) => {
        const { spec, status, ...rest } = hub;
        return withContent(
          rest,
          spec && specToV1beta1(spec),
          status && statusToV1beta1(status),
        ) as KubeadmConfigV1beta1;
      },
    },
  ],
});

/** KubeadmConfigTemplate v1beta1 ↔ v1beta2 (hub). */
export const kubeadmConfigTemplateConversion = defineConversion<KubeadmConfigTemplate>({
  hub: { apiVersion: KubeadmConfigTemplate.apiVersion, kind: 'KubeadmConfigTemplate' },
  spokes: [
    {
      apiVersion: KubeadmConfigTemplateV1beta1.apiVersion,
      toHub: (spoke) => {
        const template = spoke as TemplateV1;
        const inner = template.spec?.template;
        const spec = template.spec && {
          template: withContent({ metadata: inner?.metadata }, inner?.spec && specToV1beta2(inner.spec)),
        };
        return withContent(template, spec) as KubeadmConfigTemplate;
      },
      fromHub: (hub) => {
        const inner = hub.spec?.template;
        const spec = hub.spec && {
          template: withContent({ metadata: inner?.metadata }, inner?.spec && specToV1beta1(inner.spec)),
        };
        return withContent(hub, spec) as TemplateV1;
      },
    },
  ],
});
