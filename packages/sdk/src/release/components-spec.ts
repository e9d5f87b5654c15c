import type { ComponentsCrd, EnvVar, PolicyRule, WebhookRule, WebhookSelector } from './kubernetes-types.js';
import type { ProviderRef } from './provider.js';

/**
 * What a provider's components YAML holds. Strings may carry clusterctl variables (`${VAR}`, `${VAR:=default}`),
 * substituted by `clusterctl init` (or {@link substituteVariables}).
 */
export interface ComponentsSpec {
  readonly provider: ProviderRef;
  /** Prefix of every object name, e.g. `capn` gives `capn-controller-manager`; a DNS label that starts with a letter. */
  readonly namePrefix: string;
  /** The provider namespace; defaults to `<namePrefix>-system`. */
  readonly namespace?: string;
  /** The manager image, e.g. `ghcr.io/org/capn:${CAPN_VERSION:=v0.1.0}`. */
  readonly image: string;
  /** Defaults to `IfNotPresent`, so that images loaded onto the nodes beforehand are used. */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /**
   * The provider's CRDs, copied (never modified in place). Their labels and annotations are kept: the Cluster API
   * contract labels (`cluster.x-k8s.io/v1beta2: v1alpha2`) and, for kinds `clusterctl move` must carry although no
   * Cluster owns them, `clusterctl.cluster.x-k8s.io/move` or `.../move-hierarchy`.
   */
  readonly crds?: readonly ComponentsCrd[];
  readonly rbac: RbacSpec;
  readonly manager?: ManagerSpec;
  readonly webhooks?: WebhooksSpec;
}

/** The manager's permissions, beyond leader election (which is always granted in the provider namespace). */
export interface RbacSpec {
  /** Rules of the manager's ClusterRole, exactly as given. */
  readonly clusterRules: readonly PolicyRule[];
  /** Rules that only apply in the provider namespace (a Role), exactly as given. */
  readonly namespaceRules?: readonly PolicyRule[];
}

/** The manager container. */
export interface ManagerSpec {
  /** Overrides the image entrypoint. */
  readonly command?: readonly string[];
  /** Pass `--leader-elect`; default true. */
  readonly leaderElect?: boolean;
  /** Default 8443 (`--metrics-bind-address=:8443`, container port `metrics`). */
  readonly metricsPort?: number;
  /** Default 9440 (`--health-probe-bind-address=:9440`, container port `healthz`, probes `/healthz`, `/readyz`). */
  readonly healthPort?: number;
  /** More arguments, after the standard ones, e.g. `--concurrency=${CAPN_CONCURRENCY:=10}`. */
  readonly extraArgs?: readonly string[];
  /** More environment variables, after `POD_NAMESPACE`, `POD_NAME` and `POD_UID`. */
  readonly env?: readonly EnvVar[];
  /** Default 10 seconds. */
  readonly terminationGracePeriodSeconds?: number;
  /** The non-root user and group the container runs as; default 65532. */
  readonly runAsUser?: number;
}

/** One validating or mutating admission webhook. */
export interface AdmissionWebhookSpec {
  /** Fully qualified, at least three dot-separated segments, e.g. `validation.incusmachine.infrastructure.cluster.x-k8s.io`. */
  readonly name: string;
  /** The path the manager's webhook server serves, e.g. `/validate-infrastructure-cluster-x-k8s-io-v1alpha2-incusmachine`. */
  readonly path: string;
  readonly rules: readonly WebhookRule[];
  /** Default `Fail`. */
  readonly failurePolicy?: 'Fail' | 'Ignore';
  /** Default `None`. */
  readonly sideEffects?: 'None' | 'NoneOnDryRun';
  /** Default `Equivalent`. */
  readonly matchPolicy?: 'Exact' | 'Equivalent';
  readonly timeoutSeconds?: number;
  readonly namespaceSelector?: WebhookSelector;
  readonly objectSelector?: WebhookSelector;
}

/** Which CRDs are converted by the manager's conversion webhook. */
export interface ConversionWebhookSpec {
  /** CRD names (`<plural>.<group>`); default: every CRD with more than one version. */
  readonly crds?: readonly string[];
  /** Default `/convert`. */
  readonly path?: string;
}

/** The manager's webhook server, served with a cert-manager certificate. */
export interface WebhooksSpec {
  /** Default 9443 (container port `webhook-server`). */
  readonly port?: number;
  readonly validating?: readonly AdmissionWebhookSpec[];
  readonly mutating?: readonly AdmissionWebhookSpec[];
  readonly conversion?: ConversionWebhookSpec;
}
