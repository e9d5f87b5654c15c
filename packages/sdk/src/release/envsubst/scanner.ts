/**
 * The lexical scanner of clusterctl's variable syntax. clusterctl substitutes variables with
 * `github.com/drone/envsubst/v2`; this scanner follows its rules rune by rune so that the same input splits into the
 * same tokens, including the escapes (`$$` → `$`, and `\/`, `\\` → `/`, `\`) and the way an escape is removed from
 * the buffer while it is being read.
 */

/** What {@link Scanner.scan} found. */
export const Token = {
  Illegal: 0,
  EndOfInput: 1,
  /** A run of accepted characters (text, a name, an operator or an argument). */
  Ident: 2,
  /** `${` */
  OpenBrace: 3,
  /** `}` */
  CloseBrace: 4,
} as const;

/** One of the {@link Token} values. */
export type Token = (typeof Token)[keyof typeof Token];

/** Which tokens the next {@link Scanner.scan} may recognise; combine with `|`. */
export const ScanMode = {
  Ident: 1,
  OpenBrace: 2,
  CloseBrace: 4,
  Escape: 8,
} as const;

/** Decides whether character `char` belongs to the current token; `offset` counts the characters read so far, from 1. */
export type AcceptFunction = (char: string, offset: number) => boolean;

const END = '';

/** Reads the input one code point at a time, with one step of look-back, in the manner of a Go rune scanner. */
export class Scanner {
  private buffer: string;
  private position = 0;
  private start = 0;
  private width = 0;
  /** The active {@link ScanMode} bits. */
  mode = 0;
  /** The acceptance rule for identifier tokens. */
  accept: AcceptFunction = () => true;

  constructor(input: string) {
    this.buffer = input;
  }

  /** The text of the token most recently scanned. */
  text(): string {
    return this.buffer.slice(this.start, this.position);
  }

  /** Where the token most recently scanned begins. */
  tokenStart(): number {
    return this.start;
  }

  /** Up to `length` characters of the (escape-processed) input from `offset`, for error messages. */
  excerpt(offset: number, length: number): string {
    return this.buffer.slice(offset, offset + length);
  }

  /** The next character without consuming it ('' at the end). */
  peek(): string {
    const char = this.read();
    this.unread();
    return char;
  }

  /** Consumes and returns the next character ('' at the end). */
  read(): string {
    if (this.position >= this.buffer.length) {
      this.width = 0;
      return END;
    }
    const code = this.buffer.codePointAt(this.position) ?? 0;
    const char = String.fromCodePoint(code);
    this.width = char.length;
    this.position += this.width;
    return char;
  }

  /** Steps back over the character most recently read. */
  unread(): void {
    this.position -= this.width;
  }

  /** Reads the next token under the current mode and acceptance rule. */
  scan(): Token {
    this.start = this.position;
    const char = this.read();
    if (char === END) return Token.EndOfInput;
    if (this.scanOpenBrace(char)) return Token.OpenBrace;
    if (this.scanCloseBrace(char)) return Token.CloseBrace;
    if (this.scanIdent(char)) return Token.Ident;
    return Token.Illegal;
  }

  private scanIdent(first: string): boolean {
    if ((this.mode & ScanMode.Ident) === 0) return false;
    if (this.isEscape(first)) this.dropPrevious();
    else if (!this.accept(first, this.position - this.start)) return false;
    for (;;) {
      const char = this.read();
      if (char === END) {
        this.unread();
        break;
      }
      if (this.scanOpenBrace(char)) {
        this.unread();
        this.unread();
        break;
      }
      if (this.isEscape(char)) {
        this.dropPrevious();
        continue;
      }
      if (!this.accept(char, this.position - this.start)) {
        this.unread();
        break;
      }
    }
    return true;
  }

  private scanOpenBrace(char: string): boolean {
    if ((this.mode & ScanMode.OpenBrace) === 0 || char !== '$') return false;
    if (this.read() === '{') return true;
    this.unread();
    return false;
  }

  private scanCloseBrace(char: string): boolean {
    return (this.mode & ScanMode.CloseBrace) !== 0 && char === '}';
  }

  private isEscape(char: string): boolean {
    if ((this.mode & ScanMode.Escape) === 0) return false;
    if (char === '$') return this.peek() === '$';
    if (char !== '\\') return false;
    const next = this.peek();
    return next === '/' || next === '\\';
  }

  /** Removes the escape character just read from the buffer; the escaped character that follows becomes literal. */
  private dropPrevious(): void {
    this.buffer = this.buffer.slice(0, this.position - 1) + this.buffer.slice(this.position);
  }
}
