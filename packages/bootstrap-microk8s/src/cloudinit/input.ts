import type { MicroK8sConfigSpec } from '../api/v1beta1/index.js';

/** What every role's cloud-config is built from. */
export interface CloudInitInput {
  /** The config's spec (`undefined` sections are treated as empty, with the CRD defaults). */
  spec: MicroK8sConfigSpec | undefined;
  /** The Machine's `spec.version`, e.g. `v1.30.2`. */
  kubernetesVersion: string | undefined;
  /** `Cluster.spec.controlPlaneEndpoint.host`: a DNS name or an IP address. */
  controlPlaneEndpoint: string;
  /** The cluster's join token (32 characters), from `<cluster>-jointoken`. */
  joinToken: string;
}

/** The first control-plane node: it creates the cluster with the cluster CA and accepts joins. */
export interface InitControlPlaneInput extends CloudInitInput {
  /** The cluster CA in PEM, from `<cluster>-ca`. */
  ca: { cert: string; key: string };
  /** The token the cluster agent expects from Cluster API callers, from `<cluster>-capi-auth-token`. */
  authToken: string;
}

/** Another control-plane node: joins through the existing ones. */
export interface JoinControlPlaneInput extends CloudInitInput {
  authToken: string;
  /** Addresses of the control-plane nodes to join through, tried in order. */
  joinNodeIps: string[];
}

/** A worker node: joins through the control-plane nodes. */
export interface WorkerInput extends CloudInitInput {
  joinNodeIps: string[];
}
