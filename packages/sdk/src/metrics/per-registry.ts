import type { Registry } from 'prom-client';

/**
 * Memoises `create` per registry: a metric name can be registered once per registry, and every controller of a
 * manager shares the same metric objects (told apart by labels).
 */
export function perRegistry<T>(create: (registry: Registry) => T): (registry: Registry) => T {
  const created = new WeakMap<Registry, T>();
  return (registry) => {
    let value = created.get(registry);
    if (value === undefined) {
      value = create(registry);
      created.set(registry, value);
    }
    return value;
  };
}
