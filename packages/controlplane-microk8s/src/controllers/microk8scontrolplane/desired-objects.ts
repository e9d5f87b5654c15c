import { MicroK8sConfig } from '@capi-ts/bootstrap-microk8s';
import {
  CapiLabel,
  type ContractVersionedObjectReference,
  capiTypes,
  type Machine,
  type OwnerReference,
} from '@capi-ts/sdk';
import type { MicroK8sControlPlane } from '../../api/v1beta1/index.js';

/** The infrastructure machine template of a control plane, wherever the user or ClusterClass put it. */
export interface InfrastructureTemplateRef {
  group: string;
  /** Absent when only the v1beta2 contract reference (`apiGroup`) was given: look it up in the CRD. */
  version?: string;
  kind: string;
  name: string;
  namespace?: string;
}

/**
 * `machineTemplate.infrastructureTemplate` (CACPM), else `infrastructureRef` (v1beta1 topology), else
 * `spec.infrastructureRef` (v1beta2 topology). Throws when none is complete (the CRD rejects that already).
 */
export function infrastructureTemplateRef(controlPlane: Readonly<MicroK8sControlPlane>): InfrastructureTemplateRef {
  const template = controlPlane.spec?.machineTemplate;
  const legacy = template?.infrastructureTemplate ?? template?.infrastructureRef;
  if (legacy?.apiVersion && legacy.kind && legacy.name) {
    const slash = legacy.apiVersion.indexOf('/');
    return {
      group: slash < 0 ? '' : legacy.apiVersion.slice(0, slash),
      version: legacy.apiVersion.slice(slash + 1),
      kind: legacy.kind,
      name: legacy.name,
      ...(legacy.namespace ? { namespace: legacy.namespace } : {}),
    };
  }
  const ref = template?.spec?.infrastructureRef;
  if (ref) return { group: ref.apiGroup, kind: ref.kind, name: ref.name };
  throw new Error('spec.machineTemplate has no complete infrastructure template reference (apiVersion, kind, name)');
}

/** Labels of every control-plane Machine (and what `status.selector` selects). */
export function controlPlaneLabels(clusterName: string): Record<string, string> {
  return { [CapiLabel.clusterName]: clusterName, [CapiLabel.controlPlane]: '' };
}

/** The `status.selector` string: cluster-name and control-plane labels, as CACPM renders it. */
export function controlPlaneSelector(clusterName: string): string {
  return `${CapiLabel.clusterName}=${clusterName},${CapiLabel.controlPlane}`;
}

/** The MicroK8sConfig of a new control-plane Machine: `spec.controlPlaneConfig` verbatim, owned by the control plane. */
export function desiredConfig(
  controlPlane: Readonly<MicroK8sControlPlane>,
  clusterName: string,
  name: string,
  owner: OwnerReference,
): MicroK8sConfig {
  return {
    apiVersion: MicroK8sConfig.apiVersion,
    kind: MicroK8sConfig.kind,
    metadata: {
      name,
      namespace: controlPlane.metadata.namespace,
      labels: { ...controlPlane.spec?.machineTemplate.metadata?.labels, ...controlPlaneLabels(clusterName) },
      ownerReferences: [{ ...owner, blockOwnerDeletion: true }],
    },
    spec: structuredClone(controlPlane.spec?.controlPlaneConfig ?? {}),
  } as MicroK8sConfig;
}

/** Input of {@link desiredMachine}. */
export interface DesiredMachineInput {
  controlPlane: Readonly<MicroK8sControlPlane>;
  clusterName: string;
  name: string;
  infrastructureRef: ContractVersionedObjectReference;
  configRef: ContractVersionedObjectReference;
  failureDomain: string | undefined;
  /** A controller reference to the control plane. */
  owner: OwnerReference;
}

/** A control-plane Machine at `spec.version`, in the given failure domain, controlled by the control plane. */
export function desiredMachine(input: DesiredMachineInput): Machine {
  const { controlPlane, clusterName } = input;
  const template = controlPlane.spec?.machineTemplate.metadata;
  return {
    apiVersion: `${capiTypes.machine.group}/${capiTypes.machine.version}`,
    kind: capiTypes.machine.kind,
    metadata: {
      name: input.name,
      namespace: controlPlane.metadata.namespace,
      labels: { ...template?.labels, ...controlPlaneLabels(clusterName) },
      ...(template?.annotations ? { annotations: { ...template.annotations } } : {}),
      ownerReferences: [{ ...input.owner, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      clusterName,
      version: controlPlane.spec?.version,
      bootstrap: { configRef: input.configRef },
      infrastructureRef: input.infrastructureRef,
      ...(input.failureDomain ? { failureDomain: input.failureDomain } : {}),
    },
  };
}
