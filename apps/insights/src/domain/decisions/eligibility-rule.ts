/**
 * The eligibility rule language of the action catalogue: small on purpose, so a marketer can write
 * it and every rule can be checked when the action is defined rather than when a customer meets it.
 *
 *   rule    := or                              an empty rule makes everyone eligible
 *   or      := and ("or" and)*
 *   and     := not ("and" not)*
 *   not     := "not" not | "(" or ")" | test
 *   test    := path op literal | path "in" "[" literal ("," literal)* "]" | "segment" string | "exists" path
 *   path    := ("features" | "traits" | "context") "." name
 *   op      := "==" | "!=" | "<" | "<=" | ">" | ">="
 *   literal := number | "string" | true | false
 *
 * Features are numbers, so they compare with numbers only; ordering (<, >...) needs a number.
 * A value the customer lacks makes its test false (and `not` of it true): who is unknown is not
 * assumed to qualify for an offer built on that value.
 */
export type Namespace = 'features' | 'traits' | 'context';
export type Literal = number | string | boolean;
export type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type Rule =
  | { kind: 'always' }
  | { kind: 'and' | 'or'; rules: Rule[] }
  | { kind: 'not'; rule: Rule }
  | { kind: 'compare'; ns: Namespace; name: string; op: Comparison; value: Literal }
  | { kind: 'in'; ns: Namespace; name: string; values: Literal[] }
  | { kind: 'segment'; segment: string }
  | { kind: 'exists'; ns: Namespace; name: string };

export interface RuleSubject {
  features: Readonly<Record<string, number>>;
  traits: Readonly<Record<string, Literal>>;
  context: Readonly<Record<string, Literal>>;
  segments: readonly string[];
}

/** A rule that cannot be used, with where in its text the fault is (0-based character offset). */
export class RuleError extends Error {
  constructor(
    readonly code: 'RULE_SYNTAX' | 'RULE_TYPE' | 'RULE_TOO_COMPLEX',
    message: string,
    readonly position: number,
  ) {
    super(`${message} (at ${position})`);
    this.name = 'RuleError';
  }
}

export const MAX_RULE_LENGTH = 2_000;
const MAX_DEPTH = 24;

type Token = { type: 'word' | 'number' | 'string' | 'op' | 'punct'; text: string; value?: Literal; at: number };

const TOKEN = /(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|<|>)|([()[\],.])/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at] ?? '')) at++;
    if (at >= text.length) return tokens;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) throw new RuleError('RULE_SYNTAX', `unexpected character ${JSON.stringify(text[at])}`, at);
    if (m[1] !== undefined) tokens.push({ type: 'number', text: m[1], value: Number(m[1]), at });
    else if (m[2] !== undefined) tokens.push({ type: 'string', text: m[0], value: m[2].replace(/\\(.)/g, '$1'), at });
    else if (m[3] !== undefined) tokens.push({ type: 'word', text: m[3], at });
    else if (m[4] !== undefined) tokens.push({ type: 'op', text: m[4], at });
    else tokens.push({ type: 'punct', text: m[5] ?? '', at });
    at = TOKEN.lastIndex;
  }
}

const NAMESPACES: readonly string[] = ['features', 'traits', 'context'];

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly end: number,
  ) {}

  parse(): Rule {
    if (this.tokens.length === 0) return { kind: 'always' };
    const rule = this.or(0);
    const extra = this.peek();
    if (extra) throw new RuleError('RULE_SYNTAX', `unexpected ${extra.text}`, extra.at);
    return rule;
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private next(what: string): Token {
    const token = this.tokens[this.i++];
    if (!token) throw new RuleError('RULE_SYNTAX', `expected ${what}, found the end of the rule`, this.end);
    return token;
  }

  private accept(text: string): boolean {
    if (this.peek()?.text !== text) return false;
    this.i++;
    return true;
  }

  private expect(text: string): void {
    const token = this.next(JSON.stringify(text));
    if (token.text !== text) throw new RuleError('RULE_SYNTAX', `expected ${JSON.stringify(text)}, found ${token.text}`, token.at);
  }

  private or(depth: number): Rule {
    if (depth > MAX_DEPTH) throw new RuleError('RULE_TOO_COMPLEX', `nested deeper than ${MAX_DEPTH}`, this.peek()?.at ?? this.end);
    const rules = [this.and(depth)];
    while (this.accept('or')) rules.push(this.and(depth));
    return rules.length === 1 ? (rules[0] as Rule) : { kind: 'or', rules };
  }

  private and(depth: number): Rule {
    const rules = [this.not(depth)];
    while (this.accept('and')) rules.push(this.not(depth));
    return rules.length === 1 ? (rules[0] as Rule) : { kind: 'and', rules };
  }

  private not(depth: number): Rule {
    if (depth > MAX_DEPTH) throw new RuleError('RULE_TOO_COMPLEX', `nested deeper than ${MAX_DEPTH}`, this.peek()?.at ?? this.end);
    if (this.accept('not')) return { kind: 'not', rule: this.not(depth + 1) };
    if (this.accept('(')) {
      const inner = this.or(depth + 1);
      this.expect(')');
      return inner;
    }
    return this.test();
  }

  private test(): Rule {
    const head = this.next('a test');
    if (head.type === 'word' && head.text === 'segment') {
      const name = this.next('a segment name');
      if (name.type !== 'string') throw new RuleError('RULE_SYNTAX', 'segment takes a quoted name', name.at);
      return { kind: 'segment', segment: String(name.value) };
    }
    if (head.type === 'word' && head.text === 'exists') return { kind: 'exists', ...this.path(this.next('a path')) };
    const path = this.path(head);
    const op = this.next('a comparison');
    if (op.text === 'in') {
      this.expect('[');
      const values = [this.literal(path)];
      while (this.accept(',')) values.push(this.literal(path));
      this.expect(']');
      return { kind: 'in', ...path, values };
    }
    if (op.type !== 'op') throw new RuleError('RULE_SYNTAX', `expected a comparison, found ${op.text}`, op.at);
    const value = this.literal(path);
    if (op.text !== '==' && op.text !== '!=' && typeof value !== 'number') throw new RuleError('RULE_TYPE', `${op.text} compares numbers`, op.at);
    return { kind: 'compare', ...path, op: op.text as Comparison, value };
  }

  private path(head: Token): { ns: Namespace; name: string } {
    if (head.type !== 'word' || !NAMESPACES.includes(head.text))
      throw new RuleError('RULE_SYNTAX', `expected features.<name>, traits.<name>, context.<name>, segment or exists; found ${head.text}`, head.at);
    this.expect('.');
    const name = this.next('a name');
    if (name.type !== 'word') throw new RuleError('RULE_SYNTAX', `expected a name after ${head.text}.`, name.at);
    return { ns: head.text as Namespace, name: name.text };
  }

  private literal(path: { ns: Namespace }): Literal {
    const token = this.next('a value');
    let value: Literal;
    if (token.type === 'number' || token.type === 'string') value = token.value as Literal;
    else if (token.text === 'true' || token.text === 'false') value = token.text === 'true';
    else throw new RuleError('RULE_SYNTAX', `expected a number, a quoted string, true or false; found ${token.text}`, token.at);
    if (path.ns === 'features' && typeof value !== 'number') throw new RuleError('RULE_TYPE', 'features are numbers', token.at);
    return value;
  }
}

/** Parses and checks a rule; throws RuleError naming the fault and where it is. */
export function parseRule(text: string): Rule {
  if (text.length > MAX_RULE_LENGTH) throw new RuleError('RULE_TOO_COMPLEX', `longer than ${MAX_RULE_LENGTH} characters`, MAX_RULE_LENGTH);
  return new Parser(tokenize(text), text.length).parse();
}

function valueOf(subject: RuleSubject, ns: Namespace, name: string): Literal | undefined {
  const source: Readonly<Record<string, Literal>> = subject[ns];
  return Object.prototype.hasOwnProperty.call(source, name) ? source[name] : undefined;
}

function compare(actual: Literal | undefined, op: Comparison, expected: Literal): boolean {
  if (actual === undefined) return false;
  if (op === '==') return actual === expected;
  if (op === '!=') return actual !== expected;
  if (typeof actual !== 'number' || typeof expected !== 'number') return false;
  if (op === '<') return actual < expected;
  if (op === '<=') return actual <= expected;
  if (op === '>') return actual > expected;
  return actual >= expected;
}

export function evaluateRule(rule: Rule, subject: RuleSubject): boolean {
  switch (rule.kind) {
    case 'always':
      return true;
    case 'and':
      return rule.rules.every((r) => evaluateRule(r, subject));
    case 'or':
      return rule.rules.some((r) => evaluateRule(r, subject));
    case 'not':
      return !evaluateRule(rule.rule, subject);
    case 'compare':
      return compare(valueOf(subject, rule.ns, rule.name), rule.op, rule.value);
    case 'in': {
      const actual = valueOf(subject, rule.ns, rule.name);
      return actual !== undefined && rule.values.includes(actual);
    }
    case 'segment':
      return subject.segments.includes(rule.segment);
    case 'exists':
      return valueOf(subject, rule.ns, rule.name) !== undefined;
  }
}
