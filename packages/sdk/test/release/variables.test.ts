// biome-ignore-all lint/suspicious/noTemplateCurlyInString: clusterctl variables are written ${LIKE_THIS}.
import { describe, expect, it } from 'vitest';
import {
  BadSubstitutionError,
  listVariables,
  MissingVariablesError,
  substituteVariables,
  variableReference,
} from '../../src/release/index.js';

describe('listVariables', () => {
  it('lists each variable once, sorted, with whether it is required and its default', () => {
    const yaml = [
      'image: ${REGISTRY:=ghcr.io/org}/manager:${VERSION}',
      'namespace: ${NAMESPACE}',
      'registry-again: ${REGISTRY}',
      'empty: ${CLUSTER_CLASS_NAMESPACE:=""}',
      'dash: ${DASH:-fallback}',
      'equal: ${EQUAL=plain}',
    ].join('\n');
    expect(listVariables(yaml)).toEqual([
      { name: 'CLUSTER_CLASS_NAMESPACE', required: false, defaultValue: '""' },
      { name: 'DASH', required: false, defaultValue: 'fallback' },
      { name: 'EQUAL', required: false, defaultValue: 'plain' },
      { name: 'NAMESPACE', required: true },
      { name: 'REGISTRY', required: false, defaultValue: 'ghcr.io/org' },
      { name: 'VERSION', required: true },
    ]);
  });

  it('lets the first use decide, as clusterctl does', () => {
    expect(listVariables('${A}\n${A:=x}')).toEqual([{ name: 'A', required: true }]);
    expect(listVariables('${A:=x}\n${A}')).toEqual([{ name: 'A', required: false, defaultValue: 'x' }]);
  });

  it('treats an empty default as no default', () => {
    expect(listVariables('${A:=}')).toEqual([{ name: 'A', required: true }]);
  });

  it('renders nested variables of a default and does not list them', () => {
    expect(listVariables('${A:=prefix-${B}-suffix}')).toEqual([
      { name: 'A', required: false, defaultValue: 'prefix-${B}-suffix' },
    ]);
  });

  it('accepts the legacy forms with blanks inside the braces', () => {
    expect(listVariables('${ A }, ${B }, ${ C}')).toEqual([
      { name: 'A', required: true },
      { name: 'B', required: true },
      { name: 'C', required: true },
    ]);
  });

  it('ignores $NAME without braces and escaped $${NAME}', () => {
    expect(listVariables('echo $HOME $(hostname) $${ESCAPED} ${REAL}')).toEqual([{ name: 'REAL', required: true }]);
  });

  it('reads ${A-b} as a variable named A-b, as drone/envsubst does', () => {
    expect(listVariables('${A-b}')).toEqual([{ name: 'A-b', required: true }]);
  });

  it('rejects malformed expressions with the text that failed', () => {
    for (const bad of ['${}', '${A', '${A B}', 'x: ${A:=unclosed', '${!A}']) {
      expect(() => listVariables(bad), bad).toThrow(BadSubstitutionError);
    }
    expect(() => listVariables('ok\nvalue: ${A B}')).toThrow('bad substitution: "${A B}"');
  });
});

describe('substituteVariables', () => {
  it('replaces variables with values, and uses defaults only for missing or empty values', () => {
    const yaml = 'a: ${A}\nb: ${B:=bee}\nc: ${C:=sea}\nd: ${D:-dee}\ne: ${E=eh}';
    expect(substituteVariables(yaml, { A: 'one', B: 'two', C: '' })).toBe('a: one\nb: two\nc: sea\nd: dee\ne: eh');
  });

  it('accepts a lookup function', () => {
    expect(substituteVariables('${A}-${B:=x}', (name) => (name === 'A' ? 'a' : undefined))).toBe('a-x');
  });

  it('substitutes an empty value for a required variable that is set to ""', () => {
    expect(substituteVariables('[${A}]', { A: '' })).toBe('[]');
  });

  it('fails with every missing required variable, sorted, and substitutes nothing', () => {
    const yaml = '${ZETA}\n${ALPHA}\n${WITH_DEFAULT:=ok}\n${SET}\n${ZETA}';
    const err = (() => {
      try {
        substituteVariables(yaml, { SET: 'yes', UNDEFINED: undefined });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(MissingVariablesError);
    expect((err as MissingVariablesError).missing).toEqual(['ALPHA', 'ZETA']);
    expect((err as Error).message).toBe(
      'value for variables [ALPHA, ZETA] is not set. ' +
        'Please set the value using os environment variables or the clusterctl config file',
    );
  });

  it('does not read inherited properties as values', () => {
    expect(() => substituteVariables('${toString}', {})).toThrow(MissingVariablesError);
  });

  it('evaluates nested defaults, with an unset nested variable as empty', () => {
    expect(substituteVariables('${A:=${B}-x}', { B: 'bee' })).toBe('bee-x');
    expect(substituteVariables('${A:=${B}-x}', {})).toBe('-x');
  });

  it('processes the escapes of drone/envsubst', () => {
    expect(substituteVariables('$${A} $$B ${A}', { A: 'a' })).toBe('${A} $B a');
    expect(substituteVariables('some text ${V}$${v$${V}$V${V}', { V: 'x' })).toBe('some text x${v${V}$Vx');
    expect(substituteVariables('path: a\\/b and c\\\\d', {})).toBe('path: a/b and c\\d');
  });

  it('leaves text without variables untouched', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  script: |\n    echo $HOME "}" {x}\n';
    expect(substituteVariables(text, {})).toBe(text);
  });

  it('substitutes the legacy forms', () => {
    expect(substituteVariables('${ A } ${B }', { A: '1', B: '2' })).toBe('1 2');
  });

  it('implements the string functions of drone/envsubst', () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ['${#V}', { V: 'abcdEFGH28ij' }, '12'],
      ['${V^}', { V: 'abcd' }, 'Abcd'],
      ['${V^^}', { V: 'abcd' }, 'ABCD'],
      ['${V,}', { V: 'ABCD' }, 'aBCD'],
      ['${V,,}', { V: 'ABCD' }, 'abcd'],
      ['${P:11}', { P: '/home/bozo/ideas/thoughts.for.today' }, 'ideas/thoughts.for.today'],
      ['${P:11:5}', { P: '/home/bozo/ideas/thoughts.for.today' }, 'ideas'],
      ['${P:-5}', { P: 'abcdefgh' }, 'abcdefgh'],
      ['${S/%abc/XYZ}', { S: 'abcABC123ABCabc' }, 'abcABC123ABCXYZ'],
      ['${S/#abc/XYZ}', { S: 'abcABC123ABCabc' }, 'XYZABC123ABCabc'],
      ['${S//abc/xyz}', { S: 'abcABC123ABCabc' }, 'xyzABC123ABCxyz'],
      ['${S/abc/xyz}', { S: 'abcABC123ABCabc' }, 'xyzABC123ABCabc'],
      ['${S/abc/$&}', { S: 'abc' }, '$&'],
      ['${S/./}', { S: 'foo.bar' }, 'foobar'],
      ['${S/\\//-}', { S: 'foo/bar' }, 'foo-bar'],
      ['${S//\\//-}', { S: 'foo/bar/baz' }, 'foo-bar-baz'],
      ['${F#*.}', { F: 'bash.string.txt' }, 'string.txt'],
      ['${F##*.}', { F: 'bash.string.txt' }, 'txt'],
      ['${F#*/}', { F: '/path/to/file' }, 'path/to/file'],
      ['${F##*/}', { F: 'path/to/file' }, 'file'],
      ['${F%.*}', { F: 'bash.string.txt' }, 'bash.string'],
      ['${F%%.*}', { F: 'bash.string.txt' }, 'bash'],
      ['${F#[ab]a?h}', { F: 'bash.txt' }, '.txt'],
      ['${F#[^x]}', { F: 'bash' }, 'ash'],
      ['${F#[a-c]}', { F: 'bash' }, 'ash'],
      ['${F#[}', { F: 'bash' }, 'bash'],
      ['${V=${W^^}}', { W: 'abc' }, 'ABC'],
    ];
    for (const [template, values, expected] of cases) {
      expect(substituteVariables(template, values), template).toBe(expected);
    }
  });
});

describe('variableReference', () => {
  it('writes ${NAME} and ${NAME:=default}', () => {
    expect(variableReference('CAPN_VERSION')).toBe('${CAPN_VERSION}');
    expect(variableReference('CAPN_VERSION', 'v0.1.0')).toBe('${CAPN_VERSION:=v0.1.0}');
    expect(variableReference('EMPTY', '')).toBe('${EMPTY:=}');
  });

  it('round-trips through substitution', () => {
    const text = `image: ${variableReference('IMG', 'ghcr.io/a/b:v1')}`;
    expect(substituteVariables(text, {})).toBe('image: ghcr.io/a/b:v1');
    expect(substituteVariables(text, { IMG: 'other' })).toBe('image: other');
  });

  it('rejects names clusterctl cannot configure and defaults it cannot express', () => {
    expect(() => variableReference('lower')).toThrow(/UPPER_CASE/);
    expect(() => variableReference('A', 'x}y')).toThrow(/cannot contain/);
  });
});
