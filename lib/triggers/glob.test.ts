import { describe, expect, it } from "vitest";
import { compileGlob, matchGlob, matchPathGlob, MAX_GLOB_LENGTH, MAX_GLOB_WILDCARDS, type CompiledGlob } from "./glob";

function glob(pattern: string): CompiledGlob {
  const compiled = compileGlob(pattern);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.glob;
}

/** The bound glob.ts proves: (pattern length + 1) · (name length + 1) steps per run. */
const bound = (pattern: string, name: string) => (pattern.length + 1) * (name.length + 1);

describe("glob semantics: the answers picomatch 4.0.7 gave with { dot: true }", () => {
  // [pattern, name, as a branch (whole name), as a path (whole path, or base name for patterns without /)].
  // Recorded from picomatch(pattern, { dot: true }) and, for paths, its { basename: true } twin,
  // as lib/triggers/rules.ts used them before this matcher replaced them.
  const table: [string, string, boolean, boolean][] = [
    ["main", "main", true, true],
    ["main", "feature/main", false, true],
    ["main", "main2", false, false],
    ["release/*", "release/1.2", true, true],
    ["release/*", "release/1.2/hotfix", false, false],
    ["release/*", "release", false, false],
    ["release/**", "release", true, true],
    ["release/**", "release/1.2", true, true],
    ["release/**", "release/1.2/hotfix", true, true],
    ["release/**", "releases/1", false, false],
    ["feature/*-fix", "feature/x-fix", true, true],
    ["feature/*-fix", "feature/-fix", true, true],
    ["feature/*-fix", "feature/a/b-fix", false, false],
    ["v[0-9]*", "v1.2", true, true],
    ["v[0-9]*", "v1", true, true],
    ["v[0-9]*", "vx", false, false],
    ["v[0-9]*", "v", false, false],
    ["hotfix/?.?", "hotfix/1.2", true, true],
    ["hotfix/?.?", "hotfix/12", false, false],
    ["hotfix/?.?", "hotfix/1/2", false, false],
    ["*", "main", true, true],
    ["*", "release/1.2", false, true],
    ["*", ".env", true, true],
    ["**", "main", true, true],
    ["**", "release/1.2/hotfix", true, true],
    ["**", ".github/workflows/ci.yml", true, true],
    ["Source/**", "Source/PluginProcessor.cpp", true, true],
    ["Source/**", "Source/dsp/Filter.cpp", true, true],
    ["Source/**", "Source", true, true],
    ["Source/**", "lib/Source/a.cpp", false, false],
    ["CMakeLists.txt", "CMakeLists.txt", true, true],
    ["CMakeLists.txt", "lib/CMakeLists.txt", false, true],
    ["CMakeLists.txt", "CMakeLists.txt.bak", false, false],
    ["docs/**", "docs/intro.md", true, true],
    ["docs/**", "docs/a/README.md", true, true],
    ["docs/**", "src/docs/a.md", false, false],
    ["*.md", "README.md", true, true],
    ["*.md", "docs/a/README.md", false, true],
    ["*.md", "README.mdx", false, false],
    ["*.md", ".md", true, true],
    ["**/*.md", "README.md", true, true],
    ["**/*.md", "docs/a/README.md", true, true],
    ["**/*.md", "docs/a.txt", false, false],
    ["src/**/*.ts", "src/index.ts", true, true],
    ["src/**/*.ts", "src/a/b/c.ts", true, true],
    ["src/**/*.ts", "src/a.tsx", false, false],
    ["src/**/*.ts", "lib/src/a.ts", false, false],
    ["**/test/**", "test/a.ts", true, true],
    ["**/test/**", "a/test/b/c.ts", true, true],
    ["**/test/**", "a/tests/b.ts", false, false],
    ["**/test/**", "test", true, true],
    [".github/**", ".github/workflows/ci.yml", true, true],
    [".github/**", "github/x", false, false],
    ["Source/*.cpp", "Source/PluginProcessor.cpp", true, true],
    ["Source/*.cpp", "Source/dsp/Filter.cpp", false, false],
    ["a/**/b", "a/b", true, true],
    ["a/**/b", "a/x/y/b", true, true],
    ["a/**/b", "a/xb", false, false],
    ["a/**/b", "ab", false, false],
    ["**/CMakeLists.txt", "CMakeLists.txt", true, true],
    ["**/CMakeLists.txt", "lib/CMakeLists.txt", true, true],
    ["**/CMakeLists.txt", "lib/CMakeLists.txt/x", false, false],
    ["app/[id]/**", "app/[id]/page.tsx", true, true],
    ["app/[id]/**", "app/i/page.tsx", true, true],
    ["app/[id]/**", "app/x/page.tsx", false, false],
    ["*.[ch]", "main.c", true, true],
    ["*.[ch]", "lib/util.h", false, true],
    ["*.[ch]", "main.cc", false, false],
    ["[^a]*", "main", true, true],
    ["[^a]*", "app", false, false],
    ["[^a]*", "docs/main.c", false, true],
    ["*/**", "a/b", true, true],
    ["*/**", "a", false, false],
    ["*/**", "a/b/c", true, true],
    ["a*/**", "ab/c", true, true],
    ["a*/**", "ab", false, false],
    ["a*/**", "a/b", true, true],
    ["./docs/**", "docs/intro.md", true, true],
    ["./docs/**", "x/docs/a", false, false],
    ["x\\*y", "x*y", true, true],
    ["x\\*y", "xzy", false, false],
    ["feature/**/*-fix", "feature/a-fix", true, true],
    ["feature/**/*-fix", "feature/x/y/a-fix", true, true],
    ["feature/**/*-fix", "feature/x/y/a-fixed", false, false],
    ["*a*a*a*b", "aaab", true, true],
    ["*a*a*a*b", "aaaa", false, false],
    ["*a*a*a*b", "xaxaxayb", true, true],
  ];

  it.each(table)("%s against %s: branch %s, path %s", (pattern, name, asBranch, asPath) => {
    expect(matchGlob(glob(pattern), name).matched).toBe(asBranch);
    expect(matchPathGlob(glob(pattern), name).matched).toBe(asPath);
  });

  it("matches a name equal to the pattern, nothing for the empty name, and escapes literally", () => {
    expect(matchGlob(glob("a[1].txt"), "a[1].txt").matched).toBe(true);
    expect(matchGlob(glob("a[1].txt"), "a1.txt").matched).toBe(true);
    expect(matchGlob(glob("**"), "").matched).toBe(false);
    expect(matchGlob(glob("\\[x\\]"), "[x]").matched).toBe(true);
    expect(matchGlob(glob("\\[x\\]"), "x").matched).toBe(false);
  });

  it("keeps the meaning of picomatch's parser where its fast path disagreed (documented in glob.ts)", () => {
    // picomatch compiled `c++` to the regular expression c\++ and also matched `c+`.
    expect(matchGlob(glob("c++"), "c++").matched).toBe(true);
    expect(matchGlob(glob("c++"), "c+").matched).toBe(false);
    // Its fast path for `*.*` wanted a character after the dot.
    expect(matchGlob(glob("*.*"), "notes.").matched).toBe(true);
    // Its fast path let a leading `**.md` cross `/`; as a path pattern nothing changes (base names).
    expect(matchGlob(glob("**.md"), "docs/a.md").matched).toBe(false);
    expect(matchPathGlob(glob("**.md"), "docs/a.md").matched).toBe(true);
  });
});

describe("glob syntax: refused with the construct and what is allowed", () => {
  it.each([
    ["!main", "a leading ! (negation) is not supported"],
    ["release/@(a|b)", "extglobs like @(…) are not supported"],
    ["!(docs)/**", "extglobs like !(…) are not supported"],
    ["src/+(a)", "extglobs like +(…) are not supported"],
    ["*(a)", "extglobs like *(…) are not supported"],
    ["?(a)", "extglobs like ?(…) are not supported"],
    ["(a|b)", "parentheses are not supported"],
    ["a|b", "| alternatives are not supported"],
    ["*.{cpp,h}", "braces {a,b} are not supported: write one pattern per alternative"],
    ['"quoted"', "double quotes are not supported"],
    ["a/***/b", "*** is not supported"],
    ["a//b", "// (an empty segment)"],
    ["[!a]", "negated classes are written [^…], not [!…]"],
    ["[[:alpha:]]", "POSIX classes like [[:alpha:]]"],
    ["[a/b]", "a character class cannot contain /"],
    ["[.-0]", "includes /"],
    ["[z-a]", "the range z-a in [...] is reversed"],
    ["[]", "a character class cannot be empty"],
    ["v[0-9]+", "a + after [...] (one or more) is not supported"],
    ["src/[abc", "[ is not closed"],
    ["a\\d", "\\d is not an escape"],
    ["a\\", "it ends with a lone \\"],
    ["a\\\\b", "a literal backslash"],
    ["a\\/b", "\\/ is not needed"],
  ])("%s", (pattern, why) => {
    const compiled = compileGlob(pattern);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.message).toContain(why);
    expect(compiled.message).toContain(JSON.stringify(pattern));
    expect(compiled.message).toContain("Allowed: text, * (within a segment), ** (any number of segments), ?, [a-z] and [^a-z] classes");
  });

  it("bounds the length and the wildcards (each *, **, ? and [...] once)", () => {
    expect(compileGlob("a".repeat(MAX_GLOB_LENGTH)).ok).toBe(true);
    expect(compileGlob("a".repeat(MAX_GLOB_LENGTH + 1))).toEqual({ ok: false, message: "A pattern has at most 255 characters; this one has 256." });
    expect(compileGlob("*?".repeat(MAX_GLOB_WILDCARDS / 2)).ok).toBe(true);
    expect(compileGlob("**/".repeat(MAX_GLOB_WILDCARDS - 1) + "[ab]").ok).toBe(true);
    const tooMany = compileGlob("*a".repeat(MAX_GLOB_WILDCARDS + 1));
    expect(tooMany.ok).toBe(false);
    expect(!tooMany.ok && tooMany.message).toContain("it has 17 wildcards; at most 16 are allowed");
  });
});

describe("glob work is bounded: steps ≤ (pattern length + 1) · (name length + 1)", () => {
  const a255 = "a".repeat(255);
  const segments255 = `${"a/".repeat(127)}a`; // 255 characters, 128 segments

  /** `head`, then `filler` up to 255 characters in all, then `tail`: a maximal pattern. */
  const sized = (head: string, tail: string, filler = "a") => {
    const pattern = head + filler.repeat((255 - head.length - tail.length) / filler.length) + tail;
    expect(pattern.length).toBe(255);
    return pattern;
  };

  // The shapes that make regular expressions backtrack, at the maximum the schema allows:
  // 255 characters and 16 wildcards, against 255-character names that almost match. Each
  // pattern starts and ends with a wildcard (so no literal prefix or suffix rejects the name
  // early) and wants a `c` the name lacks, so the whole name is scanned.
  const adversarial: [string, string, string][] = [
    ["*a*a…*a a…a c*", sized("*a".repeat(15), "c*"), a255],
    ["*a…a*a…a… (16 stars) c*", sized(`*${"a".repeat(14)}`.repeat(15), "c*"), a255],
    ["*?*?… a…a c*?", sized("*?".repeat(7), "c*?"), a255],
    ["???…? a…a c*", sized("?".repeat(15), "c*"), a255],
    ["[a-z]*[a-z]*… a…a c[a-z]*", sized("[a-z]*".repeat(7), "c[a-z]*"), a255],
    ["**/**/… a/a/… c*", sized("**/".repeat(15), "c*", "a/"), segments255],
    ["**/*a/**/*a/… a/a/… c*/**", sized("**/*a/".repeat(7), "c*/**", "a/"), segments255],
    ["a/**/a/**/… a/a/… c*", sized("a/**/".repeat(15), "c*", "a/"), segments255],
    ["*/*/… a/a/… ac*", sized("*/".repeat(15), "ac*", "a/"), segments255],
    ["**/*a*a… a…a c*", sized(`**/${"*a".repeat(14)}`, "c*"), a255],
  ];

  let largest = 0;
  it.each(adversarial)("%s", (_label, pattern, name) => {
    const compiled = compileGlob(pattern);
    expect(compiled.ok, compiled.ok ? "" : compiled.message).toBe(true);
    if (!compiled.ok) return;
    expect(pattern.length).toBeLessThanOrEqual(MAX_GLOB_LENGTH);
    expect(compiled.glob.wildcards).toBeLessThanOrEqual(MAX_GLOB_WILDCARDS);
    const whole = matchGlob(compiled.glob, name);
    expect(whole.steps).toBeLessThanOrEqual(bound(pattern, name));
    // Near misses too: one character shorter, and with the `c` the pattern wants at the end.
    for (const other of [name.slice(1), `${name.slice(0, -1)}c`]) {
      expect(matchGlob(compiled.glob, other).steps).toBeLessThanOrEqual(bound(pattern, other));
    }
    // Paths may take a second run over the base name.
    expect(matchPathGlob(compiled.glob, name).steps).toBeLessThanOrEqual(2 * bound(pattern, name));
    largest = Math.max(largest, whole.steps);
  });

  it("reaches the bound, and no more, for 16 stars against 255 a's", () => {
    const pattern = sized("*a".repeat(15), "c*");
    const result = matchGlob(glob(pattern), a255);
    expect(result).toEqual({ matched: false, steps: 256 * 256, exhausted: false });
    expect(largest).toBeLessThanOrEqual(65_536);
  });

  it("stays within the bound for 2,000 random valid patterns against near-miss names", () => {
    let seed = 20240611;
    const random = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed / 2 ** 32;
    };
    const pick = <T,>(items: T[]) => items[Math.floor(random() * items.length)];
    const literals = ["a", "a", "a", "a", "b", "aa", "/"];
    const wildcards = ["*", "**/", "?", "[ab]", "[^b]", "/**/"];
    let checked = 0;
    for (let k = 0; k < 2000; k++) {
      let pattern = "";
      let used = 0;
      const budget = 1 + Math.floor(random() * MAX_GLOB_WILDCARDS);
      while (pattern.length < 255) {
        let next = used < budget && random() < 0.3 ? pick(wildcards) : pick(literals);
        if ((next.startsWith("/") && pattern.endsWith("/")) || (next.startsWith("*") && pattern.endsWith("*"))) continue;
        if (pattern.length + next.length > 255) next = "a";
        if (wildcards.includes(next)) used++;
        pattern += next;
      }
      const compiled = compileGlob(pattern);
      expect(compiled.ok, compiled.ok ? "" : compiled.message).toBe(true);
      if (!compiled.ok) continue;
      const name = Array.from({ length: 255 }, () => (random() < 0.1 ? "/" : "a")).join("").replace(/\/(?=\/)/g, "a").replace(/^\/|\/$/g, "a");
      const result = matchPathGlob(compiled.glob, name);
      expect(result.steps).toBeLessThanOrEqual(2 * bound(pattern, name));
      expect(matchGlob(compiled.glob, name).steps).toBeLessThanOrEqual(bound(pattern, name));
      checked++;
    }
    expect(checked).toBe(2000);
  });

  it("gives up once maxSteps is spent, within one row", () => {
    const pattern = sized("*a".repeat(15), "c*");
    const result = matchGlob(glob(pattern), a255, 1000);
    expect(result.exhausted).toBe(true);
    expect(result.matched).toBe(false);
    expect(result.steps).toBeLessThanOrEqual(1000 + 256);
  });
});
