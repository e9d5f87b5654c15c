import type { AcceptFunction } from './scanner.js';

/** The acceptance rules the parser switches between, one per grammar position. */
export const accept = {
  anything: () => true,
  /** Variable names: letters, digits, `_` and `-` (so `${A-b}` names the variable `A-b`). */
  name: (char) => char === '_' || char === '-' || /^[\p{L}\p{Nd}]$/u.test(char),
  colons: (char) => char === ':',
  oneHash: (char, offset) => char === '#' && offset === 1,
  oneEqual: (char, offset) => char === '=' && offset === 1,
  oneColon: (char, offset) => char === ':' && offset === 1,
  notClosing: (char) => char !== '}',
  notColonNorClosing: (char) => char !== ':' && char !== '}',
  slashes: (char) => char === '/',
  notSlash: (char) => char !== '/',
  /** `#` or `##` */
  hashOperator: (char, offset) => char === '#' && offset < 3,
  /** `%` or `%%` */
  percentOperator: (char, offset) => char === '%' && offset < 3,
  /** `:=`, `:-`, `:?`, `:+` */
  defaultOperator: (char, offset) => (offset === 1 && char === ':') || (offset === 2 && '=-?+'.includes(char)),
  /** `/`, `//`, `/#`, `/%` */
  replaceOperator: (char, offset) => (offset === 1 && char === '/') || (offset === 2 && '/#%'.includes(char)),
  /** `,`, `,,`, `^`, `^^` */
  casingOperator: (char, offset) => (char === ',' || char === '^') && offset < 3,
} satisfies Record<string, AcceptFunction>;
