// Ready-to-paste snippets for the manual trigger endpoint (docs/triggers.md#manual-trigger), filled with the real URL.
export const SECRET_VARIABLE = "CONTROL_CENTER_TRIGGER_SECRET";

function body(branch: string) {
  return JSON.stringify({ ref: `refs/heads/${branch}`, commit_sha: "4f2c9e1" });
}

/** Sets the variable when the secret is revealed; otherwise the snippet expects it in the environment. */
function secretLine(secret: string | null) {
  return secret ? `export ${SECRET_VARIABLE}='${secret}'\n` : "";
}

export function curlSecretSnippet(url: string, branch: string, secret: string | null) {
  return `${secretLine(secret)}curl -X POST "${url}" \\
  -H "Content-Type: application/json" \\
  -H "X-Webhook-Secret: $${SECRET_VARIABLE}" \\
  -d '${body(branch)}'`;
}

export function curlSignatureSnippet(url: string, branch: string, secret: string | null) {
  return `${secretLine(secret)}body='${body(branch)}'
timestamp=$(date +%s)
signature="sha256=$(printf '%s.%s' "$timestamp" "$body" | openssl dgst -sha256 -hmac "$${SECRET_VARIABLE}" | sed 's/^.* //')"
curl -X POST "${url}" \\
  -H "Content-Type: application/json" \\
  -H "X-Timestamp: $timestamp" \\
  -H "X-Signature: $signature" \\
  -d "$body"`;
}

export function githubActionsSnippet(url: string, branch: string) {
  return `# .github/workflows/control-center.yml
name: Build with Control Center
on:
  push:
    branches: [${branch}]
jobs:
  trigger:
    runs-on: ubuntu-latest
    steps:
      - name: Trigger a Control Center build
        env:
          ${SECRET_VARIABLE}: \${{ secrets.${SECRET_VARIABLE} }}
        run: |
          curl --fail-with-body -X POST "${url}" \\
            -H "Content-Type: application/json" \\
            -H "X-Webhook-Secret: $${SECRET_VARIABLE}" \\
            -H "Idempotency-Key: \${{ github.run_id }}-\${{ github.run_attempt }}" \\
            -d '{"ref":"\${{ github.ref }}","commit_sha":"\${{ github.sha }}"}'`;
}
