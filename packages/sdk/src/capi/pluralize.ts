import { ACRONYMS, DICTIONARY, SUFFIX_RULES } from './plural-rules.js';

interface SuffixRule {
  suffix: string;
  /** The replacement; `undefined` when a word with this suffix is already plural and stays as it is. */
  replacement?: string;
}

const singleToPlural = new Map<string, string>();
const pluralToSingle = new Set<string>();
for (const [singular, plural, flags] of DICTIONARY) {
  singleToPlural.set(singular, plural);
  if (flags?.oneWay) continue;
  pluralToSingle.add(plural);
  if (flags?.alternative) pluralToSingle.add(flags.alternative);
}

// flect builds one list by prepending: the dictionary (last word first), then the suffix rules in order. Each pair
// contributes "plural suffix: keep" ahead of "singular suffix: replace".
const rules: SuffixRule[] = [
  ...DICTIONARY.filter(([, , flags]) => !flags?.exact)
    .reverse()
    .map(([singular, plural]) => [singular, plural] as const),
  ...SUFFIX_RULES,
].flatMap(([singular, plural]) => [{ suffix: plural }, { suffix: singular, replacement: plural }]);

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The plural of a lower-case word (a lower-cased kind), exactly as gobuffalo/flect v1.0.3 `Pluralize` computes it:
 * dictionary words first, then the first matching suffix rule, else words ending in `s` stay, others get `s`.
 * `openstackclusteridentity` → `openstackclusteridentities`, `ipaddress` → `ipaddresses`, `machinehealthcheck` →
 * `machinehealthchecks`. A word that is one of flect's acronyms is inflected in upper case, as flect does.
 */
export function pluralize(word: string): string {
  if (word.length === 0) return '';
  const dictionaryPlural = singleToPlural.get(word);
  if (dictionaryPlural !== undefined) return dictionaryPlural;
  if (pluralToSingle.has(word)) return word;

  // flect inflects its "last part": the whole word, upper-cased when the word is an acronym.
  const part = ACRONYMS.has(word.toUpperCase()) ? word.toUpperCase() : word;
  const lower = part.toLowerCase();
  if (pluralToSingle.has(lower)) return word;
  const lowerPlural = singleToPlural.get(lower);
  if (lowerPlural !== undefined)
    return replaceSuffix(word, part, part === capitalize(part) ? capitalize(lowerPlural) : lowerPlural);

  for (const rule of rules) {
    if (!part.endsWith(rule.suffix)) continue;
    const plural =
      rule.replacement === undefined ? part : part.slice(0, part.length - rule.suffix.length) + rule.replacement;
    return replaceSuffix(word, part, plural);
  }
  return lower.endsWith('s') ? word : `${word}s`;
}

/** flect's `ReplaceSuffix`: drop `suffix` from `word` when it ends with it, then append `replacement`. */
function replaceSuffix(word: string, suffix: string, replacement: string): string {
  return (word.endsWith(suffix) ? word.slice(0, word.length - suffix.length) : word) + replacement;
}
