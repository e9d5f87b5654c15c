/** One requirement of a label selector. Equality (`a=b`, `a!=b`) is stored as a one-value `in` / `notin`. */
export type LabelRequirement =
  | { readonly key: string; readonly operator: 'in' | 'notin'; readonly values: readonly string[] }
  | { readonly key: string; readonly operator: 'exists' | 'doesNotExist' };

/** A parsed selector: an object matches when it meets every requirement (an empty selector matches all). */
export type LabelSelector = readonly LabelRequirement[];

const NAME = '[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?';
const PREFIX = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*';
const KEY = `(?:${PREFIX}/)?${NAME}`;
const VALUE = `(?:${NAME})?`;
const keyPattern = new RegExp(`^${KEY}$`);
const valuePattern = new RegExp(`^${VALUE}$`);
const equalityPattern = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const setPattern = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^()]*)\\)$`);
const notExistsPattern = new RegExp(`^!\\s*(${KEY})$`);

/**
 * Parses a label selector in the API server's string syntax (`app=web,tier!=db,env in (a,b),!legacy,owner`) or
 * the record form (`{ app: 'web' }`, every pair must be equal). Throws on anything the API server would reject
 * for these operators; `<` and `>` (used only by node affinity) are not supported.
 */
export function parseLabelSelector(selector: string | Readonly<Record<string, string>>): LabelSelector {
  if (typeof selector !== 'string') {
    return Object.entries(selector).map(([key, value]) => {
      if (!keyPattern.test(key) || !valuePattern.test(value)) throw invalid(`${key}=${value}`, 'bad key or value');
      return { key, operator: 'in', values: [value] };
    });
  }
  return splitRequirements(selector).map(parseRequirement);
}

/** True when `labels` meet every requirement. A missing label fails `in`/`exists`, and passes `notin`/`!`. */
export function matchesLabelSelector(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  for (const requirement of selector) {
    const value = labels?.[requirement.key];
    switch (requirement.operator) {
      case 'in':
        if (value === undefined || !requirement.values.includes(value)) return false;
        break;
      case 'notin':
        if (value !== undefined && requirement.values.includes(value)) return false;
        break;
      case 'exists':
        if (value === undefined) return false;
        break;
      case 'doesNotExist':
        if (value !== undefined) return false;
        break;
    }
  }
  return true;
}

/** Splits on the commas that separate requirements (not those inside `in (...)` value lists). */
function splitRequirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(selector.slice(start, i));
      start = i + 1;
    }
    if (depth < 0 || depth > 1) throw invalid(selector, 'unbalanced parentheses');
  }
  if (depth !== 0) throw invalid(selector, 'unbalanced parentheses');
  parts.push(selector.slice(start));
  const trimmed = parts.map((p) => p.trim());
  if (trimmed.length === 1 && trimmed[0] === '') return [];
  if (trimmed.includes('')) throw invalid(selector, 'empty requirement');
  return trimmed;
}

function parseRequirement(text: string): LabelRequirement {
  const notExists = notExistsPattern.exec(text);
  if (notExists) return { key: notExists[1]!, operator: 'doesNotExist' };
  if (keyPattern.test(text)) return { key: text, operator: 'exists' };
  const equality = equalityPattern.exec(text);
  if (equality) return { key: equality[1]!, operator: equality[2] === '!=' ? 'notin' : 'in', values: [equality[3]!] };
  const set = setPattern.exec(text);
  if (set) {
    const values = set[3]!.split(',').map((v) => v.trim());
    if (values.length === 1 && values[0] === '') throw invalid(text, `'${set[2]}' needs at least one value`);
    for (const value of values) if (!valuePattern.test(value)) throw invalid(text, `bad value '${value}'`);
    return { key: set[1]!, operator: set[2] as 'in' | 'notin', values };
  }
  throw invalid(text, 'unrecognised requirement');
}

function invalid(text: string, why: string): Error {
  return new Error(`invalid label selector "${text}": ${why}`);
}
