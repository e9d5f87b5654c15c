import fc from 'fast-check';
import { goDuration } from '../../src/kubeadm/duration.js';

// Random KubeadmConfig specs for the conversion round trips. Spoke (v1beta1) specs avoid what Cluster API drops on
// the way up (TypeMeta, Cluster-derived fields, useExperimentalRetryJoin) and write durations canonically.

const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const nonEmptyRecord = <T extends Record<string, unknown>>(shape: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
  fc.record(shape, { requiredKeys: [] }).filter((o) => Object.values(o).some((v) => v !== undefined));
const seconds = fc.integer({ min: 1, max: 100_000 });
const argMap = fc.dictionary(word, word, { minKeys: 1, maxKeys: 4 });
const argList = fc.uniqueArray(fc.record({ name: word, value: word }), {
  minLength: 1,
  maxLength: 4,
  selector: (a) => a.name,
});

const common = {
  files: opt(
    fc.array(fc.record({ path: word.map((w) => `/etc/${w}`), content: word }), { minLength: 1, maxLength: 3 }),
  ),
  preKubeadmCommands: opt(fc.array(word, { minLength: 1, maxLength: 3 })),
  format: opt(fc.constantFrom('cloud-config', 'ignition')),
  verbosity: opt(fc.integer({ min: 0, max: 10 })),
  users: opt(
    fc.array(fc.record({ name: word, sudo: opt(word), lockPassword: opt(fc.boolean()) }), {
      minLength: 1,
      maxLength: 2,
    }),
  ),
};

/** A v1beta1 spec. */
export const spokeSpec = nonEmptyRecord({
  ...common,
  clusterConfiguration: opt(
    nonEmptyRecord({
      controlPlaneEndpoint: opt(word),
      apiServer: opt(nonEmptyRecord({ extraArgs: opt(argMap), timeoutForControlPlane: opt(seconds.map(goDuration)) })),
      controllerManager: opt(nonEmptyRecord({ extraArgs: opt(argMap) })),
      etcd: opt(nonEmptyRecord({ local: opt(nonEmptyRecord({ dataDir: opt(word), extraArgs: opt(argMap) })) })),
    }),
  ),
  initConfiguration: opt(
    nonEmptyRecord({
      bootstrapTokens: opt(
        fc.array(fc.record({ token: word, ttl: opt(seconds.map(goDuration)) }), { minLength: 1, maxLength: 2 }),
      ),
      nodeRegistration: opt(nonEmptyRecord({ name: opt(word), kubeletExtraArgs: opt(argMap) })),
    }),
  ),
  joinConfiguration: opt(
    nonEmptyRecord({
      controlPlane: opt(fc.constant({})),
      discovery: opt(nonEmptyRecord({ timeout: opt(seconds.map(goDuration)), tlsBootstrapToken: opt(word) })),
      nodeRegistration: opt(nonEmptyRecord({ kubeletExtraArgs: opt(argMap) })),
    }),
  ),
});

/** A v1beta2 spec, including what v1beta1 cannot hold. */
export const hubSpec = nonEmptyRecord({
  ...common,
  clusterConfiguration: opt(
    nonEmptyRecord({
      controlPlaneEndpoint: opt(word),
      apiServer: opt(nonEmptyRecord({ extraArgs: opt(argList) })),
      scheduler: opt(nonEmptyRecord({ extraArgs: opt(argList) })),
      certificateValidityPeriodDays: opt(fc.integer({ min: 1, max: 1095 })),
    }),
  ),
  initConfiguration: opt(
    nonEmptyRecord({
      bootstrapTokens: opt(
        fc.array(fc.record({ token: word, ttlSeconds: opt(seconds) }), { minLength: 1, maxLength: 2 }),
      ),
      timeouts: opt(
        nonEmptyRecord({
          controlPlaneComponentHealthCheckSeconds: opt(seconds),
          kubeletHealthCheckSeconds: opt(seconds),
        }),
      ),
    }),
  ),
  joinConfiguration: opt(
    nonEmptyRecord({
      controlPlane: opt(fc.constant({})),
      nodeRegistration: opt(nonEmptyRecord({ kubeletExtraArgs: opt(argList) })),
      timeouts: opt(nonEmptyRecord({ tlsBootstrapSeconds: opt(seconds), discoverySeconds: opt(seconds) })),
    }),
  ),
  ignition: opt(fc.constant({ version: '3.4.0' })),
});

/** A v1beta1 status. */
export const spokeStatus = opt(
  nonEmptyRecord({
    ready: opt(fc.constant(true)),
    dataSecretName: opt(word),
    failureReason: opt(word),
    observedGeneration: opt(fc.integer({ min: 1, max: 100 })),
  }),
);

/** A v1beta2 status. */
export const hubStatus = opt(
  nonEmptyRecord({
    initialization: opt(fc.record({ dataSecretCreated: fc.boolean() })),
    dataSecretName: opt(word),
    observedGeneration: opt(fc.integer({ min: 1, max: 100 })),
  }),
);
