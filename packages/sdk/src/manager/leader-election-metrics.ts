import { Gauge, type Registry } from 'prom-client';

const MASTER_STATUS = 'leader_election_master_status';

/**
 * The `leader_election_master_status{name}` gauge of `registry` (1 while this process holds the lease `name`,
 * else 0), created on first use. client-go and controller-runtime use the same name and label, so existing
 * dashboards and alerts keep working.
 */
export function leaderElectionMasterStatus(registry: Registry): Gauge<'name'> {
  const existing = registry.getSingleMetric(MASTER_STATUS);
  if (existing) return existing as Gauge<'name'>;
  return new Gauge({
    name: MASTER_STATUS,
    help: "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master. 'name' is the string used to identify the lease.",
    labelNames: ['name'],
    registers: [registry],
  });
}
