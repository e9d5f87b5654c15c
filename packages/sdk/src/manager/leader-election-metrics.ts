import { Gauge, type Registry } from 'prom-client';
import { perRegistry } from '../metrics/per-registry.js';

/**
 * The `leader_election_master_status{name}` gauge of a registry (1 while this process holds the lease `name`,
 * else 0), created on first use. client-go and controller-runtime use the same name and label, so existing
 * dashboards and alerts keep working.
 */
export const leaderElectionMasterStatus: (registry: Registry) => Gauge<'name'> = perRegistry(
  (registry) =>
    new Gauge({
      name: 'leader_election_master_status',
      help: "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master. 'name' is the string used to identify the lease.",
      labelNames: ['name'],
      registers: [registry],
    }),
);
