import { headers } from "next/headers";
import Link from "next/link";
import { CodeSample } from "@/components/docs/code-sample";
import { formatJson } from "@/components/docs/format-json";
import { Callout, DocsArticle, DocsSection, DocsSubheading } from "@/components/docs/prose";
import { curlSecretSnippet, curlSignatureSnippet, githubActionsSnippet } from "@/components/triggers/snippets";
import { Table, Td } from "@/components/ui/table";
import { routes } from "@/lib/api/routes";
import { appOrigin } from "@/lib/organizations";
import { TRIGGERS_PER_MINUTE } from "@/lib/triggers";

export const metadata = { title: "Triggers" };

const PROJECT_ID = "<project-id>";

export default async function TriggersDocsPage() {
  const origin = appOrigin(await headers());
  const triggerUrl = `${origin}/api/v1/projects/${PROJECT_ID}/trigger`;
  const githubUrl = `${origin}/api/integrations/github/${PROJECT_ID}`;
  const rulesExample = formatJson(routes.putTriggerRules.example);
  const triggerBodyExample = formatJson(routes.triggerBuild.example);

  return (
    <DocsArticle
      href="/docs/triggers"
      title="Triggers"
      lead={
        <>
          Builds start from GitHub pushes and releases, from any CI through the trigger endpoint, from the API (
          <code>POST /api/v1/projects/{"{id}"}/builds</code>) or with <strong>Queue build</strong> in the dashboard.
        </>
      }
    >
      <p>
        Each project has two secrets for this, both on the project&apos;s <strong>Triggers</strong> tab (admins reveal and rotate them; the tab also
        shows every snippet below with the project&apos;s real URL): the <strong>GitHub secret</strong>, for GitHub&apos;s webhook settings, and the{" "}
        <strong>trigger secret</strong> (<code>trg_…</code>), for your CI. A rotation takes effect at once. Replace <code>{PROJECT_ID}</code> below with
        the project&apos;s id (<code>proj_…</code>, in the project&apos;s URL).
      </p>

      <DocsSection id="github" title="GitHub pushes and releases">
        <DocsSubheading id="github-setup">Set up the webhook</DocsSubheading>
        <p>In the GitHub repository, open Settings → Webhooks → Add webhook and fill in:</p>
        <div className="mt-4">
          <Table label="GitHub webhook settings" columns={["Setting", "Value"]}>
            <tr>
              <Td className="whitespace-nowrap">Payload URL</Td>
              <Td>
                <code className="break-all">{githubUrl}</code>
              </Td>
            </tr>
            <tr>
              <Td className="whitespace-nowrap">Content type</Td>
              <Td>
                <code>application/json</code>
              </Td>
            </tr>
            <tr>
              <Td className="whitespace-nowrap">Secret</Td>
              <Td>the project&apos;s GitHub secret</Td>
            </tr>
            <tr>
              <Td className="whitespace-nowrap">Events</Td>
              <Td>Let me select individual events → Pushes and Releases</Td>
            </tr>
          </Table>
        </div>
        <p>
          GitHub then sends a <code>ping</code>, answered <code>pong: the webhook is set up.</code> Every answer explains itself in GitHub&apos;s{" "}
          <em>Recent deliveries</em>: which rules matched and why the others did not. Requests without a valid <code>X-Hub-Signature-256</code> are
          refused with <code>401</code>; a delivery GitHub sends again, or the same push body within 24 hours, is answered with the first answer
          and <code>&quot;duplicate&quot;: true</code> and builds nothing new.
        </p>

        <DocsSubheading id="trigger-rules">Trigger rules</DocsSubheading>
        <p>
          A push or release builds only when one of the project&apos;s rules matches, and every matching rule queues its own build. Edit the rules on
          the Triggers tab (which can also test a push against unsaved rules) or with <code>PUT /api/v1/projects/{"{id}"}/trigger-rules</code>:
        </p>
        <CodeSample title="Trigger rules" code={rulesExample} />
        <div className="mt-4">
          <Table label="Trigger rule fields" columns={["Field", "Meaning"]}>
            <tr>
              <Td className="font-mono text-xs whitespace-nowrap text-neutral-900">trigger</Td>
              <Td>
                <code>push</code> or <code>release</code>
              </Td>
            </tr>
            <tr>
              <Td className="font-mono text-xs whitespace-nowrap text-neutral-900">branches</Td>
              <Td>
                Push rules: globs matched against the whole branch name. <code>release/*</code> matches <code>release/1.2</code> but not{" "}
                <code>release/1.2/fix</code>; <code>release/**</code> matches both. Empty: every branch.
              </Td>
            </tr>
            <tr>
              <Td className="font-mono text-xs whitespace-nowrap text-neutral-900">paths.include / exclude</Td>
              <Td>
                Push rules: globs matched against each changed file. The rule fires when at least one file is included (all are, when{" "}
                <code>include</code> is empty) and not excluded. A pattern without <code>/</code> also matches a file name at any depth, as in{" "}
                <code>.gitignore</code>: <code>*.md</code> matches <code>docs/a/README.md</code>.
              </Td>
            </tr>
            <tr>
              <Td className="font-mono text-xs whitespace-nowrap text-neutral-900">release_types</Td>
              <Td>
                Release rules: GitHub release actions (<code>published</code>, <code>prereleased</code>, <code>released</code>,{" "}
                <code>created</code>); default <code>published</code>.
              </Td>
            </tr>
            <tr>
              <Td className="font-mono text-xs whitespace-nowrap text-neutral-900">build_config</Td>
              <Td>
                Platforms, formats, release type and flags of the builds it queues; what it leaves out comes from the project&apos;s defaults.
              </Td>
            </tr>
          </Table>
        </div>
        <p>
          Globs: <code>*</code> is any run of characters within one path segment, <code>**</code> as a whole segment any number of segments,{" "}
          <code>?</code> one character, <code>[a-z]</code> and <code>[^a-z]</code> a character class; <code>\*</code> escapes. Negation (
          <code>!</code>), braces (<code>{"{a,b}"}</code>) and extglobs are refused with a message saying what to write instead: list one pattern per
          alternative, and use <code>paths.exclude</code> to leave files out.
        </p>
      </DocsSection>

      <DocsSection id="ci" title="From any CI: the trigger endpoint">
        <p>
          <code>POST /api/v1/projects/{"{id}"}/trigger</code> queues a build. It is authenticated with the project&apos;s <strong>trigger secret</strong>,
          not an API key, in one of two ways:
        </p>
        <ul>
          <li>
            <code>X-Webhook-Secret: &lt;trigger secret&gt;</code>: simplest. Send an <code>Idempotency-Key</code> so that retrying a request does not
            queue a second build.
          </li>
          <li>
            <code>X-Signature: sha256=&lt;hex HMAC-SHA256(trigger secret, &quot;{"{X-Timestamp}.{body}"}&quot;)&gt;</code> with{" "}
            <code>X-Timestamp: &lt;unix seconds&gt;</code>: the secret never travels. The timestamp must be within 5 minutes, and each signed request
            is accepted once (the same signature again is a <code>409</code>).
          </li>
          <li>
            Where a CI can only sign the body (<code>X-Signature: sha256=&lt;hex HMAC-SHA256(trigger secret, body)&gt;</code>, no timestamp), an
            admin can turn on <em>Accept signatures over the body alone</em> on the project&apos;s Triggers tab. Each such signature is accepted once
            within 10 minutes, but never expires: a recorded request can queue its build again later. Leave it off where the CI can send a
            timestamp.
          </li>
        </ul>
        <CodeSample title="curl with the secret header" code={curlSecretSnippet(triggerUrl, "main", null)} />
        <CodeSample title="curl with a signature" code={curlSignatureSnippet(triggerUrl, "main", null)} />
        <CodeSample
          title="GitHub Actions"
          code={githubActionsSnippet(triggerUrl, "main")}
          hint="Store the trigger secret as the repository secret CONTROL_CENTER_TRIGGER_SECRET."
        />
        <p>
          The JSON body is optional; every field left out comes from the project&apos;s build defaults (<code>ref</code> or <code>branch</code>,{" "}
          <code>commit_sha</code>, <code>commit_message</code>, <code>version</code>, <code>platforms</code>, <code>formats</code>,{" "}
          <code>release_type</code>, <code>flags</code>):
        </p>
        <CodeSample title="Body" code={triggerBodyExample} />
        <div className="mt-4">
          <Table label="Trigger endpoint answers" columns={["Status", "When"]}>
            <tr>
              <Td className="font-mono text-xs text-neutral-900">202</Td>
              <Td>
                Queued: <code>{`{ "build_id": "bld_…", "status": "queued" }`}</code>. A known <code>Idempotency-Key</code> (24 hours) answers the
                build it queued, with <code>Idempotent-Replayed: true</code>.
              </Td>
            </tr>
            <tr>
              <Td className="font-mono text-xs text-neutral-900">401</Td>
              <Td>Missing or wrong secret, a bad signature, or a timestamp more than 5 minutes away.</Td>
            </tr>
            <tr>
              <Td className="font-mono text-xs text-neutral-900">404</Td>
              <Td>No such project.</Td>
            </tr>
            <tr>
              <Td className="font-mono text-xs text-neutral-900">409</Td>
              <Td>This signed request was already accepted; sign a new one with the current time.</Td>
            </tr>
            <tr>
              <Td className="font-mono text-xs text-neutral-900">422</Td>
              <Td>An invalid field; the problem lists each one.</Td>
            </tr>
            <tr>
              <Td className="font-mono text-xs text-neutral-900">429</Td>
              <Td>
                More than {TRIGGERS_PER_MINUTE} triggers in a minute for the project (GitHub and CI together); wait for <code>Retry-After</code>{" "}
                seconds.
              </Td>
            </tr>
          </Table>
        </div>
        <Callout title="What happens next">
          The build goes through queued, started and succeeded or failed (the demo runner moves it along on its own), and each step is an event your
          endpoints receive: see the <Link href="/docs/events#group-build">build events</Link>.
        </Callout>
      </DocsSection>
    </DocsArticle>
  );
}
