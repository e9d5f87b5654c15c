/**
 * The path of a field inside an object, printed as Kubernetes prints it in validation messages:
 * `spec.template.containers[0].env[HOME]` (`child` adds `.name`, `index` adds `[i]`, `key` adds `[k]`).
 * Immutable: every step returns a new path.
 */
export class FieldPath {
  private constructor(private readonly text: string) {}

  /** A path starting at the given field names, e.g. `FieldPath.of('spec', 'replicas')`. */
  static of(name: string, ...more: string[]): FieldPath {
    return new FieldPath(name).child(...more);
  }

  /** The path of nested fields below this one. */
  child(...names: string[]): FieldPath {
    return new FieldPath([this.text, ...names].join('.'));
  }

  /** The path of one element of a list. */
  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }

  /** The path of one entry of a map. */
  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }

  /** The printed path, e.g. `spec.containers[0].name`. */
  toString(): string {
    return this.text;
  }
}
