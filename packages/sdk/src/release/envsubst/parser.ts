import { accept } from './accept.js';
import { type AcceptFunction, ScanMode, Scanner, Token } from './scanner.js';

/** Literal text. */
export interface TextNode {
  readonly type: 'text';
  readonly value: string;
}

/**
 * One `${...}` expression: the variable `name`, the `operator` that follows it (`''` for a plain `${NAME}`, `:=`,
 * `=`, `:-`, `#`, `//`, `^^`, ...) and the operator's arguments, which may themselves hold variables.
 */
export interface VariableNode {
  readonly type: 'variable';
  readonly name: string;
  readonly operator: string;
  readonly args: readonly TemplateNode[];
}

/** A node of a parsed template. */
export type TemplateNode = TextNode | VariableNode;

/** The template holds a `${` that does not form a valid expression (drone/envsubst's `bad substitution`). */
export class BadSubstitutionError extends Error {
  /** Up to 40 characters of the template, from the `${` that could not be parsed. */
  readonly excerpt: string;

  constructor(excerpt: string) {
    super(`bad substitution: ${JSON.stringify(excerpt)}`);
    this.name = 'BadSubstitutionError';
    this.excerpt = excerpt;
  }
}

/**
 * Parses a template with clusterctl's variable syntax (drone/envsubst): `${VAR}`, `${VAR:=default}`, `${VAR=default}`,
 * `${VAR:-default}`, nested `${A:=${B}}`, the bash-like string functions, and the escapes `$$`, `\/`, `\\`.
 * A `$` not followed by `{` is text. Throws {@link BadSubstitutionError} on a malformed expression.
 */
export function parseTemplate(input: string): TemplateNode[] {
  return new TemplateParser(input).parse();
}

class TemplateParser {
  private readonly scanner: Scanner;
  private expressionStart = 0;

  constructor(input: string) {
    this.scanner = new Scanner(input);
  }

  parse(): TemplateNode[] {
    const nodes: TemplateNode[] = [];
    for (;;) {
      this.scanner.accept = accept.anything;
      this.scanner.mode = ScanMode.Ident | ScanMode.OpenBrace | ScanMode.Escape;
      switch (this.scanner.scan()) {
        case Token.Ident:
          nodes.push({ type: 'text', value: this.scanner.text() });
          break;
        case Token.OpenBrace:
          this.expressionStart = this.scanner.tokenStart();
          nodes.push(this.parseExpression());
          break;
        case Token.EndOfInput:
          return nodes;
        default:
          throw this.bad();
      }
    }
  }

  /** After `${`: a name, then the operator that decides the grammar of the rest. */
  private parseExpression(): VariableNode {
    if (this.scanner.peek() === '#') return this.parseLength();
    const name = this.expect(accept.name, ScanMode.Ident);
    switch (this.scanner.peek()) {
      case ':':
        return this.parseDefaultOrSubstring(name);
      case '=':
        return this.parseDefault(name);
      case ',':
      case '^':
        return this.parseCasing(name);
      case '/':
        return this.parseReplace(name);
      case '#':
        return this.parseRemove(name, accept.hashOperator);
      case '%':
        return this.parseRemove(name, accept.percentOperator);
    }
    this.closeBrace();
    return variable(name, '', []);
  }

  private parseDefaultOrSubstring(name: string): VariableNode {
    this.scanner.read();
    const next = this.scanner.peek();
    this.scanner.unread();
    return '=-?+'.includes(next) && next !== '' ? this.parseDefault(name) : this.parseSubstring(name);
  }

  /** `${VAR=word}`, `${VAR:=word}`, `${VAR:-word}`, `${VAR:?word}`, `${VAR:+word}`: all mean "word when empty". */
  private parseDefault(name: string): VariableNode {
    const operator = this.expect(
      this.scanner.peek() === '=' ? accept.oneEqual : accept.defaultOperator,
      ScanMode.Ident,
    );
    const args: TemplateNode[] = [];
    while (this.scanner.peek() !== '}') args.push(this.parseArgument(accept.notClosing, ScanMode.Ident));
    this.closeBrace();
    return variable(name, operator, args);
  }

  /** `${VAR:offset}` and `${VAR:offset:length}` */
  private parseSubstring(name: string): VariableNode {
    const operator = this.expect(accept.oneColon, ScanMode.Ident);
    const args = [this.parseArgument(accept.notColonNorClosing, ScanMode.Ident)];
    this.scanner.accept = accept.colons;
    this.scanner.mode = ScanMode.Ident | ScanMode.CloseBrace;
    const token = this.scanner.scan();
    if (token === Token.CloseBrace) return variable(name, operator, args);
    if (token !== Token.Ident) throw this.bad();
    args.push(this.parseArgument(accept.notClosing, ScanMode.Ident));
    this.closeBrace();
    return variable(name, operator, args);
  }

  /** `${VAR#pattern}`, `${VAR##pattern}`, `${VAR%pattern}`, `${VAR%%pattern}` */
  private parseRemove(name: string, operatorRule: AcceptFunction): VariableNode {
    const operator = this.expect(operatorRule, ScanMode.Ident);
    const args = [this.parseArgument(accept.notClosing, ScanMode.Ident)];
    this.closeBrace();
    return variable(name, operator, args);
  }

  /** `${VAR/pattern/string}`, `${VAR//pattern/string}`, `${VAR/#pattern/string}`, `${VAR/%pattern/string}` */
  private parseReplace(name: string): VariableNode {
    const operator = this.expect(accept.replaceOperator, ScanMode.Ident);
    const args = [this.parseArgument(accept.notSlash, ScanMode.Ident | ScanMode.Escape)];
    this.expect(accept.slashes, ScanMode.Ident);
    if (this.scanner.peek() !== '}') args.push(this.parseArgument(accept.notClosing, ScanMode.Ident | ScanMode.Escape));
    this.closeBrace();
    return variable(name, operator, args);
  }

  /** `${VAR,}`, `${VAR,,}`, `${VAR^}`, `${VAR^^}` */
  private parseCasing(name: string): VariableNode {
    const operator = this.expect(accept.casingOperator, ScanMode.Ident);
    this.closeBrace();
    return variable(name, operator, []);
  }

  /** `${#VAR}` */
  private parseLength(): VariableNode {
    const operator = this.expect(accept.oneHash, ScanMode.Ident);
    const name = this.expect(accept.name, ScanMode.Ident);
    this.closeBrace();
    return variable(name, operator, []);
  }

  /** One operator argument: literal text up to the rule's end, or a nested `${...}`. */
  private parseArgument(rule: AcceptFunction, mode: number): TemplateNode {
    this.scanner.accept = rule;
    this.scanner.mode = mode | ScanMode.OpenBrace;
    switch (this.scanner.scan()) {
      case Token.OpenBrace:
        return this.parseExpression();
      case Token.Ident:
      case Token.CloseBrace:
        return { type: 'text', value: this.scanner.text() };
      default:
        throw this.bad();
    }
  }

  private expect(rule: AcceptFunction, mode: number): string {
    this.scanner.accept = rule;
    this.scanner.mode = mode;
    if (this.scanner.scan() !== Token.Ident) throw this.bad();
    return this.scanner.text();
  }

  private closeBrace(): void {
    this.scanner.mode = ScanMode.CloseBrace;
    if (this.scanner.scan() !== Token.CloseBrace) throw this.bad();
  }

  private bad(): BadSubstitutionError {
    return new BadSubstitutionError(this.scanner.excerpt(this.expressionStart, 40));
  }
}

function variable(name: string, operator: string, args: TemplateNode[]): VariableNode {
  return { type: 'variable', name, operator, args };
}
