import { FlagError } from './flags.js';

/** The names of a provider's own flags, those {@link parseManagerFlags} does not know. */
export interface ProviderFlagNames {
  /** Flags with a value: `--name=value` or `--name value`. */
  readonly values: Iterable<string>;
  /** Boolean flags: `--name` (true) or `--name=value`. */
  readonly booleans?: Iterable<string>;
}

/** A provider's own flags taken out of a command line, and the arguments left for {@link parseManagerFlags}. */
export interface TakenProviderFlags {
  /** Flag name → its value as written (`true` for a bare boolean flag); the last occurrence wins. */
  readonly values: Map<string, string>;
  readonly rest: string[];
}

/** `"x"` → `x`: the components YAML writes an empty clusterctl default as `""`, since clusterctl needs one. */
function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/**
 * Takes a provider's own flags out of the command line, in Go's syntax (one or two dashes, `--name=value` or
 * `--name value`, booleans as `--name` or `--name=false`, `_` read as `-` in names as Cluster API's managers read
 * them); the values of value flags are unquoted. Every other
 * argument, and everything from `--` on, is left in `rest` for {@link parseManagerFlags}. A value flag that ends
 * the command line without its value throws a {@link FlagError}.
 */
export function takeProviderFlags(argv: readonly string[], names: ProviderFlagNames): TakenProviderFlags {
  const valueFlags = new Set(names.values);
  const booleanFlags = new Set(names.booleans ?? []);
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const match = /^--?([a-z_-]+)(?:=(.*))?$/s.exec(arg);
    const name = (match?.[1] ?? '').replaceAll('_', '-');
    if (booleanFlags.has(name)) {
      values.set(name, match?.[2] ?? 'true');
    } else if (valueFlags.has(name)) {
      let value = match?.[2];
      if (value === undefined) {
        value = argv[++i];
        if (value === undefined) throw new FlagError(`flag needs an argument: --${name}`);
      }
      values.set(name, unquote(value));
    } else {
      rest.push(arg);
    }
  }
  return { values, rest };
}
