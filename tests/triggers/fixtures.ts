// Payloads in GitHub's own shapes (trimmed to what a receiver reads, plus some noise).
export function pushPayload(options: { ref?: string; deleted?: boolean; commits?: { added?: string[]; modified?: string[]; removed?: string[]; message?: string }[] } = {}) {
  const commits = (options.commits ?? [{ modified: ["Source/PluginProcessor.cpp"] }]).map((c, i) => ({
    id: `${i}f9ceb02d0ae598e95dc970b74767f19372d61af`.slice(0, 40),
    tree_id: "a1b2c3",
    distinct: true,
    message: c.message ?? `Commit ${i + 1}\n\nLonger description`,
    timestamp: "2026-01-15T10:30:00Z",
    author: { name: "Ada", email: "ada@example.com", username: "ada" },
    added: c.added ?? [],
    removed: c.removed ?? [],
    modified: c.modified ?? [],
  }));
  return {
    ref: options.ref ?? "refs/heads/main",
    before: "0000000000000000000000000000000000000000",
    after: options.deleted ? "0000000000000000000000000000000000000000" : "9fceb02d0ae598e95dc970b74767f19372d61af8",
    created: false,
    deleted: options.deleted ?? false,
    forced: false,
    compare: "https://github.com/demo-studio/myplugin/compare/abc...def",
    commits: options.deleted ? [] : commits,
    head_commit: options.deleted ? null : commits[commits.length - 1],
    repository: { id: 1, full_name: "demo-studio/myplugin", default_branch: "main" },
    pusher: { name: "ada", email: "ada@example.com" },
    sender: { login: "ada", id: 1 },
  };
}

export function releasePayload(action = "published", tag = "v1.2.0") {
  return {
    action,
    release: { id: 7, tag_name: tag, target_commitish: "main", name: `Release ${tag}`, draft: false, prerelease: action === "prereleased" },
    repository: { id: 1, full_name: "demo-studio/myplugin" },
    sender: { login: "ada", id: 1 },
  };
}
