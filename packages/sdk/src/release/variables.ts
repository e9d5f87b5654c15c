import { applyOperator } from './envsubst/functions.js';
import { parseTemplate, type TemplateNode } from './envsubst/parser.js';

/** A variable a template uses, as `clusterctl generate ... --list-variables` reports it. */
export interface TemplateVariable {
  readonly name: string;
  /** True when the first use has no default: substitution fails unless a value is given. */
  readonly required: boolean;
  /** The default of the first use, when it has one (nested variables rendered as `${NAME}`). */
  readonly defaultValue?: string;
}

/**
 * Values for substitution: a record (a key set to `undefined`, or absent, is unset) or a lookup function, standing for
 * clusterctl's sources (environment variables, then the clusterctl config file).
 */
export type VariableValues = Readonly<Record<string, string | undefined>> | ((name: string) => string | undefined);

/** Substitution stopped because required variables have no value; nothing was substituted. */
export class MissingVariablesError extends Error {
  /** The names of the missing variables, sorted. */
  readonly missing: readonly string[];

  constructor(missing: readonly string[]) {
    const sorted = [...missing].sort();
    super(
      `value for variables [${sorted.join(', ')}] is not set. ` +
        'Please set the value using os environment variables or the clusterctl config file',
    );
    this.name = 'MissingVariablesError';
    this.missing = sorted;
  }
}

/**
 * Lists the variables of a template (components YAML or cluster template), sorted by name, with clusterctl's rules:
 * `${ VAR }` counts as `${VAR}`; the first use of a name decides whether it has a default; variables nested inside a
 * default (`${A:=${B}}`) are not listed. Throws `BadSubstitutionError` on a malformed `${...}`.
 */
export function listVariables(template: string): TemplateVariable[] {
  const variables = collectVariables(parseTemplate(normalizeLegacyVariables(template)));
  return variables.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Substitutes variables as `clusterctl init` and `clusterctl generate` do: a variable with a value (even an empty
 * one) is replaced by it, passed through the expression's operator, so `${VAR:=x}` gives `x` when the value is empty;
 * a variable with a default and no value takes the default; if any variable without a default has no value, nothing is
 * substituted and {@link MissingVariablesError} lists them all. Escapes are processed as drone/envsubst does: `$$`
 * becomes `$`, and `\/` and `\\` lose their backslash.
 */
export function substituteVariables(template: string, values: VariableValues): string {
  const lookup = typeof values === 'function' ? values : (name: string) => ownValue(values, name);
  const nodes = parseTemplate(normalizeLegacyVariables(template));
  const missing = collectVariables(nodes)
    .filter((variable) => variable.required && lookup(variable.name) === undefined)
    .map((variable) => variable.name);
  if (missing.length > 0) throw new MissingVariablesError(missing);
  return evaluate(nodes, (name) => lookup(name) ?? '');
}

/**
 * clusterctl accepts `${ VAR}`, `${VAR }` and `${ VAR }` (names of letters, digits, `_` and `$`) and removes the
 * blanks before parsing.
 */
function normalizeLegacyVariables(template: string): string {
  const blank = '[\\t\\n\\f\\r ]';
  const name = '[A-Za-z0-9_$]+';
  const legacy = new RegExp(
    `\\$\\{${blank}+${name}${blank}+\\}|\\$\\{${blank}+${name}\\}|\\$\\{${name}${blank}+\\}`,
    'g',
  );
  return template.replace(legacy, (match) => match.replace(/[\t\n\f\r ]/g, ''));
}

/** The top-level variables in order of first use; the first use decides whether a name has a default. */
function collectVariables(nodes: readonly TemplateNode[]): TemplateVariable[] {
  const seen = new Map<string, TemplateVariable>();
  for (const node of nodes) {
    if (node.type !== 'variable' || seen.has(node.name)) continue;
    seen.set(
      node.name,
      node.args.length > 0
        ? { name: node.name, required: false, defaultValue: node.args.map(describe).join('') }
        : { name: node.name, required: true },
    );
  }
  return [...seen.values()];
}

function describe(node: TemplateNode): string {
  return node.type === 'text' ? node.value : `\${${node.name}}`;
}

function evaluate(nodes: readonly TemplateNode[], lookup: (name: string) => string): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.value;
    else {
      const args = node.args.map((arg) => evaluate([arg], lookup));
      out += applyOperator(node.operator, lookup(node.name), args);
    }
  }
  return out;
}

function ownValue(values: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  return Object.hasOwn(values, name) ? values[name] : undefined;
}

/**
 * Writes a reference to a clusterctl variable: `${NAME}`, or `${NAME:=default}` when a default is given. Names are
 * `UPPER_CASE_WITH_UNDERSCORES`, as clusterctl's config file requires; a default cannot contain `}`.
 */
export function variableReference(name: string, defaultValue?: string): string {
  if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new Error(`variable ${name} must be UPPER_CASE_WITH_UNDERSCORES`);
  if (defaultValue === undefined) return `\${${name}}`;
  if (defaultValue.includes('}') || defaultValue.includes('${')) {
    throw new Error(`variable ${name}: a default cannot contain "}" or "\${"`);
  }
  return `\${${name}:=${defaultValue}}`;
}
