import { createCertificateAuthority, issueCertificate } from '@capi-ts/sdk';
import type { TestCloud, TestCloudApplicationCredential, TestCloudPasswordCredentials } from '../test-cloud.js';
import { cinderService } from './cinder/index.js';
import type { VolumeFailurePolicy } from './cinder/volumes.js';
import { type ClockMode, SimulatorClock } from './clock.js';
import { FaultInjector, type FaultRule, type InstalledFault } from './faults.js';
import { defaultImages, glanceService, insertImage, type SimulatorImage } from './glance.js';
import { catalogType, keystoneService } from './keystone.js';
import { findLeftovers, type LeftoverResource } from './leftovers.js';
import { neutronExtensions } from './neutron/extensions.js';
import { neutronService } from './neutron/index.js';
import { novaService } from './nova/index.js';
import type { ServerFailurePolicy } from './nova/lifecycle.js';
import { defaultFlavors, type SimulatorFlavor } from './nova/records.js';
import { octaviaService } from './octavia/index.js';
import type { LoadBalancerFailurePolicy } from './octavia/loadbalancers.js';
import { QuotaBook, type QuotaLimits } from './quotas.js';
import { SeededRandom } from './random.js';
import { type RecordedRequest, type RequestFilter, RequestRecorder, type ServiceName } from './recorder.js';
import { defaultDelays, type SimulatorDelays, type SimulatorRuntime } from './runtime.js';
import { type SeededCloud, seedCloud, seededPasswords } from './seed.js';
import { SimulatorFrontEnd } from './server.js';
import { SimulatorState } from './state.js';

export type { VolumeFailurePolicy } from './cinder/volumes.js';
export type { ClockMode } from './clock.js';
export type { FaultEffect, FaultRule, InstalledFault } from './faults.js';
export type { SimulatorImage } from './glance.js';
export type { LeftoverResource } from './leftovers.js';
export type { ServerFailurePolicy } from './nova/lifecycle.js';
export type { SimulatorFlavor } from './nova/records.js';
export type { LoadBalancerFailurePolicy } from './octavia/loadbalancers.js';
export type { QuotaLimits } from './quotas.js';
export type { RecordedRequest, RequestFilter, ServiceName } from './recorder.js';
export type { SimulatorDelays } from './runtime.js';

/** Options of {@link startOpenStackSimulator}; everything has a default. */
export interface OpenStackSimulatorOptions {
  /** Seed of the fault-injection RNG and of generated IDs (default 1). */
  readonly seed?: number;
  /** `auto` (default): transitions fire after their delay by themselves; `manual`: only on advance/settle. */
  readonly clock?: ClockMode;
  readonly delays?: Partial<SimulatorDelays>;
  /** Region of every catalog endpoint (default `RegionOne`). */
  readonly regionName?: string;
  /** Token lifetime (default one hour of simulator time). */
  readonly tokenTtlMs?: number;
  /** Default quota limits, keyed `<service>.<resource>` (e.g. `network.port`). */
  readonly quotas?: QuotaLimits;
  /** Neutron extension aliases to serve (default: all implemented; drop `trunk` to simulate a cloud without trunks). */
  readonly neutronExtensions?: readonly string[];
  /** Name of the seeded external network (default `public`). */
  readonly externalNetworkName?: string;
  /** Nova flavors (default m1.tiny … m1.large with DevStack's ids). */
  readonly flavors?: readonly SimulatorFlavor[];
  /** Glance images owned by the admin project (default an Ubuntu Kubernetes image and cirros). */
  readonly images?: readonly SimulatorImage[];
  /** Compute and volume availability zones (default `nova`). */
  readonly availabilityZones?: readonly string[];
  /** Highest Nova microversion (default `2.96`); lower it to test negotiation failures. */
  readonly novaMaxMicroversion?: string;
  /** Octavia providers (default `amphora` and its alias `octavia`; add `ovn` to test OVN restrictions). */
  readonly octaviaProviders?: readonly string[];
  /** Octavia flavor names (default none). */
  readonly octaviaFlavors?: readonly string[];
  /** Last Octavia API version is `v2.<n>` (default 27; below 12 means no VIP ACLs). */
  readonly octaviaLatestMinorVersion?: number;
  /** TCP port on 127.0.0.1 (default: random). */
  readonly port?: number;
  /** Serve HTTPS with a certificate from a fresh CA (handed out as `caCert`) instead of plain HTTP. */
  readonly tls?: boolean;
}

/** Decides which asynchronous operations fail; each defaults to "never". */
export interface FailurePolicies {
  /** Returns a fault message to put a building server into ERROR. */
  readonly server?: ServerFailurePolicy;
  /** Returns true to put a creating volume into `error`. */
  readonly volume?: VolumeFailurePolicy;
  /** Returns true to put a provisioning load balancer into ERROR. */
  readonly loadBalancer?: LoadBalancerFailurePolicy;
}

/** Ids of the seeded projects and shared resources. */
export interface SimulatorSeed {
  readonly adminProjectId: string;
  readonly demoProjectId: string;
  readonly externalNetworkId: string;
  readonly externalSubnetId: string;
}

/**
 * A running in-process OpenStack simulator: a {@link TestCloud} plus controls for its clock, fault injection,
 * request log, quotas and leftover resources. See `README.md` next to this file for what is simulated.
 */
export class OpenStackSimulator implements TestCloud {
  readonly kind = 'simulator' as const;
  /** Catalog types of the simulated services (`identity`, `compute`, `network`, `image`, `block-storage`, `load-balancer`). */
  readonly services: readonly string[];
  readonly admin: TestCloudPasswordCredentials;
  readonly demo: TestCloudPasswordCredentials;
  readonly applicationCredential: TestCloudApplicationCredential;
  readonly seed: SimulatorSeed;

  /** @internal use {@link startOpenStackSimulator}. */
  constructor(
    /** Root URL, e.g. `http://127.0.0.1:41234`. */
    readonly url: string,
    readonly regionName: string,
    readonly externalNetworkName: string,
    /** The simulated clock: `advance(ms)`, `settle()`, `whenIdle()`. */
    readonly clock: SimulatorClock,
    /** The simulated cloud's state, for white-box assertions (do not mutate). */
    readonly state: SimulatorState,
    private readonly quotaBook: QuotaBook,
    private readonly faults: FaultInjector,
    private readonly recorder: RequestRecorder,
    private readonly frontEnd: SimulatorFrontEnd,
    private readonly failures: { policies: FailurePolicies },
    private readonly addImageRecord: (image: SimulatorImage) => string,
    /** PEM CA bundle that signed the HTTPS certificate (only with the `tls` option). */
    readonly caCert: string | undefined,
    seeded: SeededCloud,
    services: readonly string[],
  ) {
    this.services = services;
    const credentials = (name: string, password: string, projectName: string) => ({
      username: name,
      password,
      projectName,
      userDomainName: 'Default',
      projectDomainName: 'Default',
    });
    this.admin = credentials('admin', seededPasswords.admin, seeded.adminProject.name);
    this.demo = credentials('demo', seededPasswords.demo, seeded.demoProject.name);
    const { id, name, secret } = seeded.applicationCredential;
    this.applicationCredential = { id, name, secret };
    this.seed = {
      adminProjectId: seeded.adminProject.id,
      demoProjectId: seeded.demoProject.id,
      externalNetworkId: seeded.externalNetworkId,
      externalSubnetId: seeded.externalSubnetId,
    };
  }

  /** Keystone v3 endpoint. */
  get authUrl(): string {
    return `${this.url}/identity/v3`;
  }

  /** Recorded requests matching `filter`, in arrival order. */
  requests(filter: RequestFilter = {}): RecordedRequest[] {
    return this.recorder.list(filter);
  }

  /** Number of recorded requests matching `filter`. */
  countRequests(filter: RequestFilter = {}): number {
    return this.recorder.list(filter).length;
  }

  /** Forgets the recorded requests (e.g. after a test's set-up). */
  clearRequests(): void {
    this.recorder.clear();
  }

  /** Installs a fault rule (per service / method / path, with a seeded probability). */
  injectFault(rule: FaultRule): InstalledFault {
    return this.faults.add(rule);
  }

  /** Removes every fault rule. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** Sets a quota limit (`network.port`, `compute.instances`, …) for one project, or for all when `projectId` is undefined. */
  setQuota(projectId: string | undefined, key: string, limit: number): void {
    this.quotaBook.set(projectId, key, limit);
  }

  /** Replaces the failure policies (server builds, volume creation, load balancer provisioning). */
  setFailurePolicy(policies: FailurePolicies): void {
    this.failures.policies = policies;
  }

  /** Adds a Glance image (owned by the admin project, not counted as a leftover) and returns its ID. */
  addImage(image: SimulatorImage): string {
    return this.addImageRecord(image);
  }

  /** Makes every issued token invalid now (clients must re-authenticate after their next 401). */
  revokeAllTokens(): void {
    this.state.identity.tokens.clear();
  }

  /** Resources created through the API and not deleted yet (empty after a clean teardown). */
  leftovers(): LeftoverResource[] {
    return findLeftovers(this.state);
  }

  /** Stops the server and cancels pending transitions. */
  async stop(): Promise<void> {
    this.clock.stop();
    await this.frontEnd.close();
  }
}

/** Starts a simulator on 127.0.0.1 and seeds its accounts and external network. */
export async function startOpenStackSimulator(options: OpenStackSimulatorOptions = {}): Promise<OpenStackSimulator> {
  const seed = options.seed ?? 1;
  const regionName = options.regionName ?? 'RegionOne';
  const externalNetworkName = options.externalNetworkName ?? 'public';
  let root = '';
  const prefixes: Record<ServiceName, string> = {
    identity: '/identity',
    compute: '/compute',
    network: '/network',
    image: '/image',
    volume: '/volume',
    'load-balancer': '/load-balancer',
  };
  const runtime: SimulatorRuntime = {
    state: new SimulatorState(),
    clock: new SimulatorClock(options.clock ?? 'auto'),
    ids: new SeededRandom(seed * 7919 + 1),
    quotas: new QuotaBook(options.quotas ?? {}),
    delays: { ...defaultDelays, ...options.delays },
    regionName,
    serviceUrl: (service) => `${root}${prefixes[service]}`,
  };
  const faults = new FaultInjector(new SeededRandom(seed));
  const recorder = new RequestRecorder();
  const failures: { policies: FailurePolicies } = { policies: {} };
  const services = [
    keystoneService(runtime, options.tokenTtlMs ?? 3_600_000),
    neutronService(runtime, options.neutronExtensions ?? Object.keys(neutronExtensions)),
    novaService(
      runtime,
      options.novaMaxMicroversion ?? '2.96',
      () => failures.policies.server,
      () => failures.policies.volume,
    ),
    glanceService(runtime),
    cinderService(runtime, () => failures.policies.volume),
    octaviaService(runtime, options.octaviaLatestMinorVersion ?? 27, () => failures.policies.loadBalancer),
  ];
  let tls: { ca: string; cert: string; key: string } | undefined;
  if (options.tls) {
    const ca = await createCertificateAuthority('OpenStack simulator CA', { keyAlgorithm: 'ecdsa', validityDays: 7 });
    const leaf = await issueCertificate(ca, {
      commonName: '127.0.0.1',
      ipAddresses: ['127.0.0.1'],
      dnsNames: ['localhost'],
      usages: ['server'],
      keyAlgorithm: 'ecdsa',
      validityDays: 7,
    });
    tls = { ca: ca.cert, cert: leaf.cert, key: leaf.key };
  }
  const frontEnd = new SimulatorFrontEnd({
    runtime,
    services,
    faults,
    recorder,
    authUrl: () => `${root}/identity/v3`,
    ...(tls ? { tls: { cert: tls.cert, key: tls.key } } : {}),
  });
  root = await frontEnd.listen(options.port);
  const seeded = seedCloud(runtime, {
    externalNetworkName,
    flavors: options.flavors ?? defaultFlavors,
    images: options.images ?? defaultImages,
    availabilityZones: options.availabilityZones ?? ['nova'],
    octaviaProviders: options.octaviaProviders ?? ['amphora', 'octavia'],
    octaviaFlavors: options.octaviaFlavors ?? [],
  });
  return new OpenStackSimulator(
    root,
    regionName,
    externalNetworkName,
    runtime.clock,
    runtime.state,
    runtime.quotas,
    faults,
    recorder,
    frontEnd,
    failures,
    (image) => {
      const { id } = insertImage(runtime, image, seeded.adminProject.id);
      runtime.state.seeded.add(id);
      return id;
    },
    tls?.ca,
    seeded,
    services.map((service) => catalogType(service.name)),
  );
}
