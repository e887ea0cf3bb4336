// Branch and path globs of trigger rules (docs/triggers.md#trigger-rules), matched without
// regular expressions, so no pattern and no name can make matching backtrack.
//
// Syntax. A pattern is split at `/` into segments:
//   text          matches itself
//   `*`           any run of characters within one segment (never `/`), possibly empty;
//                 `**` inside a segment (`a**b`) is the same as `*`
//   `**`          as a whole segment: any number of segments, including none (`a/**` matches
//                 `a` and `a/b/c`, `**/x` matches `x` and `a/b/x`, `a/**/b` matches `a/b`; as in
//                 picomatch, a trailing `/**` after a `*` needs the `/`: `a*/**` does not match `ab`)
//   `?`           one character other than `/`
//   `[a-z0-9_]`   one character of the class (characters and ranges; `-` first or last is
//                 literal); `[^…]` negates; a class never matches `/`. A class with no
//                 `-*+?.^${}(|)[]` inside also matches its own text: `[id]` matches `i`, `d`
//                 and `[id]` (Next.js route folders)
//   `\x`          the character x literally, for x other than a letter, digit, `_`, `/` or `\`
//                 (`\*`, `\?`, `\[`, `\]`, `\{`, `\(`, `\|`, `\!`, `\"`)
//   a leading `./` is dropped.
// Refused by compileGlob() with a message naming the construct and what is allowed: a leading
// `!` (negation), extglobs `!(…)` `@(…)` `+(…)` `*(…)` `?(…)` and other parentheses, `|`,
// braces `{a,b}` (write one pattern per alternative), double quotes, `***`, `//`, `[!…]`
// (write `[^…]`), `[[:alpha:]]`, `[` or `/` in a class, `[…]+`, reversed ranges, and `\` before
// a letter, digit, `_`, `/`, `\` or nothing. Bounds: MAX_GLOB_LENGTH characters and
// MAX_GLOB_WILDCARDS wildcards (each `*`, `**`, `?` and `[…]` counts once).
//
// These are the semantics picomatch 4 gave the same patterns with `{ dot: true }` (dotfiles match
// like any other name), on the names matching sees: non-empty branch names and file paths with
// no leading or trailing `/`, no empty segment and no `.` or `..` segment. As there, the empty
// name matches nothing and a name equal to the pattern always matches (a file named `a[1].txt`
// matches the pattern `a[1].txt`). Where picomatch's own fast path disagreed with its parser
// we keep the parser's meaning: `c++` matches only `c++` (picomatch also took `c+`), `*.*`
// matches `notes.`, and the branch pattern `**.md` stays within one segment. glob.test.ts
// checks a table of patterns against the answers picomatch 4.0.7 gave.
//
// Algorithm. compileGlob() turns a pattern into T tokens, T ≤ pattern length: LITERAL c, ONE
// (`?`), CLASS, STAR (`[^/]*`), ANY (`.*`) and FORK. A `**` segment becomes ANY next to the `/`
// that separates it from its neighbour, with a FORK before both whose epsilon edges lead into
// the pair and past it: `**/` is `(.*/)?`, `/**` is `(/.*)?`, `/**/` is `/(.*/)?`. This is a
// nondeterministic automaton with states 0..T ("before token i") whose epsilon edges all point
// forward. simulate() runs it over the name one character at a time (Thompson's construction,
// as in RE2 and Go's regexp): the active states are a row of T + 1 flags, one left-to-right pass
// per character both consumes it and follows the epsilon edges (they point forward, so one
// pass is enough), and it stops as soon as no state is active. Nothing is ever tried twice:
//
//   steps ≤ (T + 1) · (n + 1) ≤ (pattern length + 1) · (name length + 1)
//
// where a step is one state visited (row 0, then one row per character of the n), each
// constant work: a class looks ASCII characters up in a 128-entry table and compares other
// characters with its few ranges. Literal text at either end of the pattern is compared with
// the name's ends first (one step per character, rejecting most names at once) and the
// automaton runs on the rest, which stays within the same bound. A 255-character pattern
// against a 255-character name takes at most 65,536 steps, however its wildcards are arranged;
// glob.test.ts measures the adversarial cases. The equality check is one string comparison,
// outside the count, and path matching adds a second run over the base name for patterns
// without `/` (matchPathGlob).

export const MAX_GLOB_LENGTH = 255;
export const MAX_GLOB_WILDCARDS = 16;

const LITERAL = 0;
const ONE = 1;
const CLASS = 2;
const STAR = 3;
const ANY = 4;
const FORK = 5;
const SLASH = 47; // "/"

/** A compiled pattern: read-only, shareable, and safe to cache. */
export interface CompiledGlob {
  /** The pattern as written (a name equal to it always matches). */
  readonly source: string;
  /** The pattern has no `/`; path matching also tries a file's base name. */
  readonly bare: boolean;
  /** Number of wildcards, as the bound counts them. */
  readonly wildcards: number;
  /** Token kinds, LITERAL … FORK. */
  readonly kinds: Uint8Array;
  /** LITERAL: the UTF-16 code unit. */
  readonly codes: Uint16Array;
  /** CLASS: its character set; null for other tokens. */
  readonly classes: (CharClass | null)[];
  /** Tokens 0..prefix − 1 are LITERALs a name must start with. */
  readonly prefix: number;
  /** The last `suffix` tokens are LITERALs a name must end with (no edge jumps into them). */
  readonly suffix: number;
}

/**
 * A `[…]` class. picomatch let a class without `-*+?.^${}(|)[]` inside (`[id]`, `[ab]`) also match
 * its own text (`[id]`, as in Next.js route folders); `literal` keeps that: the class's token
 * is followed by one LITERAL token per character of its text after the `[`, and `end` is the
 * state after them.
 */
interface CharClass {
  negated: boolean;
  /** ASCII members, one flag per code unit 0..127. */
  ascii: Uint8Array;
  /** Members above 127: inclusive [low, high] pairs. */
  ranges: number[];
  literal: boolean;
  end: number;
}

export type GlobCompileResult = { ok: true; glob: CompiledGlob } | { ok: false; message: string };

export interface GlobMatch {
  matched: boolean;
  /** States visited: at most (tokens + 1) · (name length + 1) per run. */
  steps: number;
  /** The step limit given to matchGlob was reached before an answer: `matched` is false. */
  exhausted: boolean;
}

const ALLOWED = "Allowed: text, * (within a segment), ** (any number of segments), ?, [a-z] and [^a-z] classes, \\ before a special character.";

function shown(pattern: string) {
  return JSON.stringify(pattern.length > 40 ? `${pattern.slice(0, 39)}…` : pattern);
}

const isWordChar = (ch: string) => /^[A-Za-z0-9_]$/.test(ch);

type Token = { kind: number; code: number; cls: CharClass | null };

/** Compiles a pattern, or says what is wrong with it and what is allowed. */
export function compileGlob(source: string): GlobCompileResult {
  const fail = (why: string): GlobCompileResult => ({ ok: false, message: `${shown(source)}: ${why}` });
  /** A construct this matcher does not support: why, and what is allowed instead. */
  const refuse = (why: string) => fail(`${why} ${ALLOWED}`);
  if (source.length === 0) return { ok: false, message: "A pattern cannot be empty." };
  if (source.length > MAX_GLOB_LENGTH) {
    return { ok: false, message: `A pattern has at most ${MAX_GLOB_LENGTH} characters; this one has ${source.length}.` };
  }
  let pattern = source;
  while (pattern.startsWith("./")) pattern = pattern.slice(2);
  if (pattern.length === 0) return fail("the pattern is empty after ./.");
  if (pattern[0] === "!" && pattern[1] !== "(") {
    return refuse("a leading ! (negation) is not supported. List the names that should match; for paths, put the others in paths.exclude.");
  }

  // Segments of tokens; null marks a `**` segment.
  const segments: (Token[] | null)[] = [];
  let current: Token[] = [];
  let currentText = "";
  let wildcards = 0;
  const lit = (ch: string): Token => ({ kind: LITERAL, code: ch.charCodeAt(0), cls: null });

  const endSegment = () => {
    if (currentText === "**") segments.push(null);
    else segments.push(current);
    current = [];
    currentText = "";
  };

  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "/") {
      if (pattern[i + 1] === "/") return refuse("// (an empty segment) never matches a branch or a path.");
      endSegment();
      continue;
    }
    if (ch === "\\") {
      const next = pattern[i + 1];
      if (next === undefined) return refuse("it ends with a lone \\.");
      if (next === "/") return refuse("\\/ is not needed: write / on its own.");
      if (next === "\\") return refuse("a literal backslash (\\\\) is not supported.");
      if (isWordChar(next)) return refuse(`\\${next} is not an escape: \\ only escapes special characters such as \\* \\? \\[ \\{. Write ${next} without the \\.`);
      current.push(lit(next));
      currentText += `\\${next}`;
      i++;
      continue;
    }
    if (ch === "(" || ch === ")") {
      const prev = pattern[i - 1];
      if (ch === "(" && prev !== undefined && "!@+*?".includes(prev)) {
        return refuse(`extglobs like ${prev}(…) are not supported.`);
      }
      return refuse(`parentheses are not supported (write \\${ch} for a literal ${ch}).`);
    }
    if (ch === "{" || ch === "}") {
      return refuse(`braces {a,b} are not supported: write one pattern per alternative (or \\${ch} for a literal ${ch}).`);
    }
    if (ch === '"') return refuse(`double quotes are not supported (write \\" for a literal ").`);
    if (ch === "|") return refuse(`| alternatives are not supported: write one pattern per alternative (or \\| for a literal |).`);
    if (ch === "*") {
      let end = i;
      while (pattern[end + 1] === "*") end++;
      if (end - i >= 2) return refuse(`${pattern.slice(i, end + 1)} is not supported: write * (within a segment) or ** (any number of segments).`);
      current.push({ kind: STAR, code: 0, cls: null });
      currentText += pattern.slice(i, end + 1);
      wildcards++;
      i = end;
      continue;
    }
    if (ch === "?") {
      current.push({ kind: ONE, code: 0, cls: null });
      currentText += "?";
      wildcards++;
      continue;
    }
    if (ch === "[") {
      const parsed = parseClass(pattern, i);
      if (typeof parsed === "string") return refuse(parsed);
      if (pattern[parsed.end + 1] === "+") return refuse(`a + after [...] (one or more) is not supported: use * or repeat the class (\\+ for a literal +).`);
      const text = pattern.slice(i, parsed.end + 1);
      current.push({ kind: CLASS, code: 0, cls: parsed.cls });
      if (parsed.cls.literal) for (let c = 0; c < parsed.literalText.length; c++) current.push(lit(parsed.literalText[c]));
      currentText += text;
      wildcards++;
      i = parsed.end;
      continue;
    }
    current.push(lit(ch));
    currentText += ch;
  }
  endSegment();

  if (wildcards > MAX_GLOB_WILDCARDS) {
    return fail(`it has ${wildcards} wildcards; at most ${MAX_GLOB_WILDCARDS} are allowed (each *, **, ? and [...] counts once).`);
  }

  // Consecutive `**` segments are one. A `**` segment becomes ANY, next to the `/` that
  // separates it from the rest, and FORK before both: its epsilon edges lead to the pair and
  // past it, so `**/` is `(.*/)?`, `/**` is `(/.*)?` and `/**/` is `/(.*/)?`.
  const collapsed = segments.filter((s, k) => !(s === null && k > 0 && segments[k - 1] === null));
  const tokens: Token[] = [];
  const last = collapsed.length - 1;
  const token = (kind: number): Token => ({ kind, code: 0, cls: null });
  collapsed.forEach((segment, k) => {
    if (segment === null && k === last && k > 0) {
      // As in picomatch, `a/**` also matches `a`, but `a*/**` needs the `/`.
      if (tokens[tokens.length - 1]?.kind === STAR) tokens.push(lit("/"), token(ANY));
      else tokens.push(token(FORK), lit("/"), token(ANY));
      return;
    }
    if (k > 0) tokens.push(lit("/"));
    if (segment === null) {
      if (last === 0) tokens.push(token(ANY));
      else tokens.push(token(FORK), token(ANY));
      return;
    }
    for (const t of segment) {
      if (t.cls) t.cls.end = tokens.length + 1 + (t.cls.literal ? t.cls.end : 0);
      tokens.push(t);
    }
  });

  // The literal text at both ends is compared directly, and the automaton runs on the rest.
  const T = tokens.length;
  let prefix = 0;
  while (prefix < T && tokens[prefix].kind === LITERAL) prefix++;
  // The suffix must lie past every state FORK or CLASS jumps to (`**/x` cannot drop its `/`).
  let lastJumpTarget = 0;
  tokens.forEach((t, i) => {
    if (t.kind === FORK) lastJumpTarget = Math.max(lastJumpTarget, i + 3);
    if (t.cls) lastJumpTarget = Math.max(lastJumpTarget, t.cls.end);
  });
  let suffix = 0;
  while (T - suffix > Math.max(prefix, lastJumpTarget) && tokens[T - 1 - suffix].kind === LITERAL) suffix++;

  const glob: CompiledGlob = {
    source,
    bare: !source.includes("/"),
    wildcards,
    kinds: Uint8Array.from(tokens, (t) => t.kind),
    codes: Uint16Array.from(tokens, (t) => t.code),
    classes: tokens.map((t) => t.cls),
    prefix,
    suffix,
  };
  return { ok: true, glob };
}

/** Parses `[…]` starting at `start`: the class (`end` = its number of literal tokens) and the index of its `]`, or why not. */
function parseClass(pattern: string, start: number): { cls: CharClass; end: number; literalText: string } | string {
  let i = start + 1;
  if (pattern[i] === "!") return "negated classes are written [^…], not [!…].";
  const negated = pattern[i] === "^";
  if (negated) i++;
  const ranges: number[] = [];
  let literalText = "";
  const readChar = (): string | { error: string } => {
    const ch = pattern[i];
    if (ch === "\\") {
      const next = pattern[i + 1];
      if (next === undefined) return { error: "it ends with a lone \\ inside [...]." };
      if (next === "\\") return { error: "a literal backslash (\\\\) is not supported." };
      if (isWordChar(next) || next === "/") return { error: `\\${next} is not an escape inside [...]: \\ only escapes special characters.` };
      i += 2;
      literalText += next;
      return next;
    }
    i++;
    literalText += ch;
    return ch;
  };
  for (;;) {
    const ch = pattern[i];
    if (ch === undefined) return "[ is not closed. Write \\[ for a literal [.";
    if (ch === "]") {
      if (ranges.length === 0) return "a character class cannot be empty; write \\] for a ] inside [...] and \\[ for a literal [.";
      const body = pattern.slice(start + 1, i);
      const ascii = new Uint8Array(128);
      const wide: number[] = [];
      for (let r = 0; r < ranges.length; r += 2) {
        for (let c = ranges[r]; c <= Math.min(ranges[r + 1], 127); c++) ascii[c] = 1;
        if (ranges[r + 1] > 127) wide.push(Math.max(ranges[r], 128), ranges[r + 1]);
      }
      const literal = !/[-*+?.^${}(|)[\]]/.test(body);
      literalText += "]";
      return { cls: { negated, ascii, ranges: wide, literal, end: literal ? literalText.length : 0 }, end: i, literalText };
    }
    if (ch === "[") return "POSIX classes like [[:alpha:]] and [ inside [...] are not supported; use ranges like [a-zA-Z] (\\[ for a literal [).";
    if (ch === "/") return "a character class cannot contain /.";
    const low = readChar();
    if (typeof low !== "string") return low.error;
    let high = low;
    // `a-z` is a range; a `-` first or last in the class is literal.
    if (pattern[i] === "-" && pattern[i + 1] !== undefined && pattern[i + 1] !== "]") {
      i++;
      if (pattern[i] === "[") return "POSIX classes like [[:alpha:]] and [ inside [...] are not supported; use ranges like [a-zA-Z] (\\[ for a literal [).";
      if (pattern[i] === "/") return "a character class cannot contain /.";
      const h = readChar();
      if (typeof h !== "string") return h.error;
      high = h;
      if (high.charCodeAt(0) < low.charCodeAt(0)) return `the range ${low}-${high} in [...] is reversed; write ${high}-${low}.`;
      if (low.charCodeAt(0) <= SLASH && high.charCodeAt(0) >= SLASH) return `the range ${low}-${high} includes /, which a character class cannot contain.`;
    }
    ranges.push(low.charCodeAt(0), high.charCodeAt(0));
  }
}

/**
 * Whether `name` matches the whole of `glob`, and the steps it took: at most
 * (tokens + 1) · (name length + 1). With `maxSteps`, it gives up (exhausted) once a row ends
 * beyond that many steps, so it takes at most maxSteps + tokens + 1.
 */
export function matchGlob(glob: CompiledGlob, name: string, maxSteps = Infinity): GlobMatch {
  if (name === glob.source) return { matched: true, steps: 0, exhausted: false };
  return simulate(glob, name, maxSteps);
}

// The two rows of simulate(), reused by every run (matching is synchronous).
let rowA = new Int32Array(256);
let rowB = new Int32Array(256);

/**
 * The automaton alone (no equality shortcut). The literal prefix and suffix are compared first,
 * one step per character, and the automaton runs on tokens prefix..T − suffix over the rest of
 * the name: P + S + (T − P − S + 1)(n − P − S + 1) ≤ (T + 1)(n + 1) steps.
 */
function simulate(glob: CompiledGlob, name: string, maxSteps: number): GlobMatch {
  const { kinds, codes, classes, prefix, suffix } = glob;
  const n = name.length;
  if (n === 0) return { matched: false, steps: 0, exhausted: false };
  if (n < prefix + suffix) return { matched: false, steps: 1, exhausted: false };
  let steps = 0;
  for (let i = 0; i < prefix; i++) {
    steps++;
    if (name.charCodeAt(i) !== codes[i]) return { matched: false, steps, exhausted: false };
  }
  const to = kinds.length - suffix; // accepting state
  for (let k = 1; k <= suffix; k++) {
    steps++;
    if (name.charCodeAt(n - k) !== codes[to + suffix - k]) return { matched: false, steps, exhausted: false };
  }
  const from = prefix; // start state
  const end = n - suffix; // characters prefix..end − 1 remain

  // State i is active in a row when its cell holds that row's stamp (j + 1 for the row before
  // character j), so the two rows are never cleared, only zeroed once per run.
  if (rowA.length < to + 1) {
    rowA = new Int32Array(to + 1);
    rowB = new Int32Array(to + 1);
  }
  let cur = rowA;
  let next = rowB;
  cur.fill(0, from, to + 1);
  next.fill(0, from, to + 1);

  // The first row: the start state and everything reachable from it by epsilon edges.
  const first = from + 1;
  cur[from] = first;
  for (let i = from; i < to; i++) {
    steps++;
    if (cur[i] === first) {
      const kind = kinds[i];
      if (kind === STAR || kind === ANY || kind === FORK) cur[i + 1] = first;
      if (kind === FORK) cur[i + 3] = first;
    }
  }
  steps++; // the accepting state
  let low = from; // no state below `low` is active

  for (let j = from; j < end; j++) {
    if (steps > maxSteps) return { matched: false, steps, exhausted: true };
    const c = name.charCodeAt(j);
    const stamp = j + 1;
    const nextStamp = j + 2;
    let nextLow = -1;
    for (let i = low; i < to; i++) {
      steps++;
      if (cur[i] === stamp) {
        // Consume c from state i.
        switch (kinds[i]) {
          case LITERAL:
            if (c === codes[i]) next[i + 1] = nextStamp;
            break;
          case ONE:
            if (c !== SLASH) next[i + 1] = nextStamp;
            break;
          case CLASS: {
            if (c === SLASH) break;
            const cls = classes[i]!;
            let inside = c < 128 ? cls.ascii[c] === 1 : false;
            for (let r = 0; !inside && r < cls.ranges.length; r += 2) inside = c >= cls.ranges[r] && c <= cls.ranges[r + 1];
            if (inside !== cls.negated) next[cls.end] = nextStamp;
            else if (cls.literal && c === 91 /* [ */) next[i + 1] = nextStamp;
            break;
          }
          case STAR:
            if (c !== SLASH) next[i] = nextStamp;
            break;
          case ANY:
            next[i] = nextStamp;
            break;
          // FORK consumes nothing.
        }
      }
      // State i of the next row is final now (only states ≤ i lead to it): follow its epsilon edges.
      if (next[i] === nextStamp) {
        if (nextLow < 0) nextLow = i;
        const kind = kinds[i];
        if (kind === STAR || kind === ANY || kind === FORK) next[i + 1] = nextStamp;
        if (kind === FORK) next[i + 3] = nextStamp;
      }
    }
    steps++; // the accepting state
    if (next[to] === nextStamp && nextLow < 0) nextLow = to;
    if (nextLow < 0) return { matched: false, steps, exhausted: false };
    low = nextLow;
    [cur, next] = [next, cur];
  }
  return { matched: cur[to] === end + 1, steps, exhausted: false };
}

/** The base name picomatch's `basename` option used: the last segment, or the one before a trailing `/`. */
function baseName(path: string) {
  const end = path.length > 1 && path.endsWith("/") ? path.length - 1 : path.length;
  return path.slice(path.lastIndexOf("/", end - 1) + 1, end);
}

/**
 * Matches a file path: the whole path, and for a pattern without `/` also the file's base name
 * at any depth (`*.md` matches `docs/a/README.md`), as in .gitignore. At most two matchGlob runs.
 */
export function matchPathGlob(glob: CompiledGlob, path: string, maxSteps = Infinity): GlobMatch {
  const whole = matchGlob(glob, path, maxSteps);
  if (whole.matched || whole.exhausted || !glob.bare) return whole;
  const base = baseName(path);
  if (base === path) return whole;
  const inBase = simulate(glob, base, maxSteps - whole.steps);
  return { matched: inBase.matched, steps: whole.steps + inBase.steps, exhausted: inBase.exhausted };
}
