/** An instance of the fake cloud. */
export interface Instance {
  readonly name: string;
  readonly flavor: string;
  readonly address: string;
  /** The bootstrap data the instance booted with (cloud-init user data, say). */
  readonly userData: string;
}

/** A load balancer of the fake cloud, the control plane endpoint of one cluster. */
export interface LoadBalancer {
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

/**
 * A cloud that lives in the process: instances and load balancers in maps. Like a real cloud API, creating
 * something that already exists under the same name returns the existing one, so a provider that names its
 * resources deterministically never creates duplicates when it crashes between "create" and "record in status".
 * Every call is appended to {@link calls}, the cloud's audit log.
 */
export class InMemoryCloud {
  private readonly instances = new Map<string, Instance>();
  private readonly loadBalancers = new Map<string, LoadBalancer>();
  private nextAddress = 10;
  /** Every API call, e.g. `create-instance im-3f2a…`. */
  readonly calls: string[] = [];

  getInstance(name: string): Instance | undefined {
    this.calls.push(`get-instance ${name}`);
    return this.instances.get(name);
  }

  createInstance(name: string, spec: { flavor: string; userData: string }): Instance {
    this.calls.push(`create-instance ${name}`);
    const existing = this.instances.get(name);
    if (existing) return existing;
    const instance = { name, ...spec, address: `10.0.0.${this.nextAddress++}` };
    this.instances.set(name, instance);
    return instance;
  }

  deleteInstance(name: string): void {
    this.calls.push(`delete-instance ${name}`);
    this.instances.delete(name);
  }

  ensureLoadBalancer(name: string): LoadBalancer {
    this.calls.push(`ensure-load-balancer ${name}`);
    const loadBalancer = this.loadBalancers.get(name) ?? { name, host: `${name}.lb.inmemory.example`, port: 6443 };
    this.loadBalancers.set(name, loadBalancer);
    return loadBalancer;
  }

  deleteLoadBalancer(name: string): void {
    this.calls.push(`delete-load-balancer ${name}`);
    this.loadBalancers.delete(name);
  }

  /** The names of the instances that exist now. */
  instanceNames(): string[] {
    return [...this.instances.keys()];
  }
}
