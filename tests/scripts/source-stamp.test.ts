// The source stamp `npm start` compares to decide whether to rebuild (scripts/source-stamp.mjs).
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sourceStamp } from "../../scripts/source-stamp.mjs";

let root: string;

function write(path: string, content: string) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "source-stamp-"));
  write("package.json", '{ "name": "demo" }');
  write("next.config.ts", "export default {};");
  write("app/page.tsx", "export default function Page() { return 'hello'; }");
  write("components/button.tsx", "export const Button = () => null;");
  write("lib/util.ts", "export const one = 1;");
  write("prisma/schema.prisma", "model A { id Int @id }");
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("sourceStamp", () => {
  it("is a sha256 that stays the same while nothing changes", () => {
    const stamp = sourceStamp(root);
    expect(stamp).toMatch(/^[0-9a-f]{64}$/);
    expect(sourceStamp(root)).toBe(stamp);
  });

  it("changes when a file's content changes", () => {
    const before = sourceStamp(root);
    write("app/page.tsx", "export default function Page() { return 'hello, world'; }");
    expect(sourceStamp(root)).not.toBe(before);
  });

  it("changes when a top-level config changes", () => {
    const before = sourceStamp(root);
    write("next.config.ts", "export default { poweredByHeader: false };");
    expect(sourceStamp(root)).not.toBe(before);
  });

  it("changes when a file is added", () => {
    const before = sourceStamp(root);
    write("lib/new.ts", "export const two = 2;");
    expect(sourceStamp(root)).not.toBe(before);
  });

  it("changes when a file is renamed, content unchanged", () => {
    const before = sourceStamp(root);
    renameSync(join(root, "lib/util.ts"), join(root, "lib/utils.ts"));
    expect(sourceStamp(root)).not.toBe(before);
  });

  it("ignores node_modules/, .next/, .data/, generated code and files the build does not read", () => {
    const before = sourceStamp(root);
    write("node_modules/pkg/index.js", "module.exports = 1;");
    write("lib/node_modules/pkg/index.js", "module.exports = 1;");
    write(".next/BUILD_ID", "abc");
    write(".next/source-stamp", "def");
    write(".data/db/file", "data");
    write("lib/db/generated/client.ts", "export {};");
    write("tests/some.test.ts", "export {};");
    write("README.md", "# readme");
    write("vitest.config.ts", "export default {};");
    write("next-env.d.ts", "/// <reference types='next' />");
    expect(sourceStamp(root)).toBe(before);
  });

  it("does not need the optional folders", () => {
    rmSync(join(root, "components"), { recursive: true });
    expect(sourceStamp(root)).toMatch(/^[0-9a-f]{64}$/);
  });
});
