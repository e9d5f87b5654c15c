/**
 * Per-project quota limits keyed `<service>.<resource>` (e.g. `network.port`, `compute.instances`,
 * `volume.gigabytes`, `load-balancer.load_balancer`); `-1` is unlimited as in OpenStack.
 */
export type QuotaLimits = Readonly<Record<string, number>>;

/** Upstream default quotas (Neutron, Nova, Cinder, Octavia). */
export const defaultQuotaLimits: QuotaLimits = {
  'network.network': 100,
  'network.subnet': 100,
  'network.subnetpool': -1,
  'network.port': 500,
  'network.router': 10,
  'network.floatingip': 50,
  'network.rbac_policy': 10,
  'network.security_group': 10,
  'network.security_group_rule': 100,
  'network.trunk': -1,
  'compute.instances': 10,
  'compute.cores': 20,
  'compute.ram': 51200,
  'compute.server_groups': 10,
  'compute.key_pairs': 100,
  'volume.volumes': 10,
  'volume.gigabytes': 1000,
  'volume.snapshots': 10,
  'load-balancer.load_balancer': -1,
  'load-balancer.listener': -1,
  'load-balancer.pool': -1,
  'load-balancer.member': -1,
  'load-balancer.health_monitor': -1,
};

/** Quota limits: defaults for every project, overridable per project. */
export class QuotaBook {
  private readonly defaults: Record<string, number>;
  private readonly perProject = new Map<string, Record<string, number>>();

  constructor(defaults: QuotaLimits) {
    this.defaults = { ...defaultQuotaLimits, ...defaults };
  }

  /** The limit of `key` for a project (`-1` = unlimited). */
  limit(projectId: string, key: string): number {
    return this.perProject.get(projectId)?.[key] ?? this.defaults[key] ?? -1;
  }

  /** Every limit of one service (`network`, …) for a project, keyed by resource name. */
  limitsOf(projectId: string, service: string): Record<string, number> {
    const out: Record<string, number> = {};
    const prefix = `${service}.`;
    for (const key of new Set([...Object.keys(this.defaults), ...Object.keys(this.perProject.get(projectId) ?? {})])) {
      if (key.startsWith(prefix)) out[key.slice(prefix.length)] = this.limit(projectId, key);
    }
    return out;
  }

  /** Sets a limit for one project, or the default of every project when `projectId` is `undefined`. */
  set(projectId: string | undefined, key: string, limit: number): void {
    if (projectId === undefined) {
      this.defaults[key] = limit;
      return;
    }
    const limits = this.perProject.get(projectId) ?? {};
    limits[key] = limit;
    this.perProject.set(projectId, limits);
  }

  /** Whether using `requested` more on top of `used` goes over the limit. */
  exceeds(projectId: string, key: string, used: number, requested = 1): boolean {
    const limit = this.limit(projectId, key);
    return limit >= 0 && used + requested > limit;
  }
}
