import { headers } from "next/headers";
import Link from "next/link";
import { CodeSample } from "@/components/docs/code-sample";
import { Callout, DocsArticle, DocsSection } from "@/components/docs/prose";
import { curlSecretSnippet } from "@/components/triggers/snippets";
import { currentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { appOrigin, listOrganizationsForUser } from "@/lib/organizations";

export const metadata = { title: "Getting started" };

const START_OUTPUT = `npm install && npm start

  Control Center demo sign-in
    URL:      http://localhost:3000/sign-in
    Email:    demo@controlcenter.local
    Password: demo-…
    API key:  cc_live_…
    (saved in .data/demo-credentials.json)`;

/** The signed-in reader's first organization, so the steps can link straight to its pages. */
async function firstOrganizationId(): Promise<string | null> {
  const user = await currentUser();
  if (!user) return null;
  const orgs = await listOrganizationsForUser(await getDb(), user.id);
  return orgs[0]?.id ?? null;
}

export default async function GettingStartedPage() {
  const origin = appOrigin(await headers());
  const orgId = await firstOrganizationId();
  const orgPage = (path: string, label: string) =>
    orgId ? <Link href={`/orgs/${orgId}${path}`}>{label}</Link> : <strong>{label}</strong>;
  const apiSnippet = `export CC_API_KEY=$(node -p 'require("./.data/demo-credentials.json").api_key')

# Your projects, and the deliveries of the last events
curl -s "${origin}/api/v1/projects" -H "Authorization: Bearer $CC_API_KEY"
curl -s "${origin}/api/v1/deliveries?limit=5" -H "Authorization: Bearer $CC_API_KEY"

# Create an endpoint
curl -s -X POST "${origin}/api/v1/webhooks" \\
  -H "Authorization: Bearer $CC_API_KEY" -H "Content-Type: application/json" \\
  -d '{"name":"Build notifier","url":"https://hooks.example.com/builds","events":["build.succeeded","build.failed"]}'`;

  return (
    <DocsArticle
      href="/docs/getting-started"
      title="Getting started"
      lead="From a fresh clone to a signed webhook in your inbox in about five minutes, using the demo account the first start creates."
    >
      <DocsSection id="start" title="1. Start Control Center">
        <p>
          With Node.js 20 or later, run the two commands below. With no <code>DATABASE_URL</code> set, Control Center keeps its data in an embedded
          database under <code>.data/</code> and, on the first start, creates a demo organization (<em>Demo Studio</em>), a project (
          <em>MyPlugin</em>), a user and an API key. The console prints how to sign in:
        </p>
        <CodeSample title="Terminal" code={START_OUTPUT} />
        <p>
          The same credentials are saved in <code>.data/demo-credentials.json</code>, with the organization and project ids.
        </p>
      </DocsSection>

      <DocsSection id="sign-in" title="2. Sign in">
        <p>
          Open <Link href="/sign-in">/sign-in</Link> and sign in with the printed email and password. You land on the projects of Demo Studio. The
          embedded default lets endpoints use <code>http://</code> and local addresses, so you can point them at a receiver on your machine.
        </p>
      </DocsSection>

      <DocsSection id="endpoint" title="3. Create an endpoint">
        <p>You need a URL that receives the webhooks. The built-in test inbox is the quickest:</p>
        <ol>
          <li>
            Open {orgPage("/inbox", "Test inbox")} in the sidebar (<code>/orgs/{"{org}"}/inbox</code>) and copy the inbox&apos;s URL. Every request it
            receives is listed there with its headers, body and whether its signature verified.
          </li>
          <li>
            Open {orgPage("/webhooks/new", "Webhooks → New endpoint")}, give it a name, paste the URL, and pick the events to receive (none picked
            means all of them). Save.
          </li>
          <li>
            On the endpoint&apos;s page, press <strong>Send test event</strong>: a <code>webhook.test</code> event arrives in the inbox at once.
          </li>
        </ol>
        <p>
          The endpoint&apos;s page also shows its signing secret (<code>whsec_…</code>); your own receivers use it to{" "}
          <Link href="/docs/webhooks#verify">verify signatures</Link>.
        </p>
      </DocsSection>

      <DocsSection id="build" title="4. Trigger a build">
        <p>
          Open the MyPlugin project&apos;s <strong>Builds</strong> tab and press <strong>Queue build</strong>, or trigger one the way a CI would: copy the trigger secret from the
          project&apos;s <strong>Triggers</strong> tab and run
        </p>
        <CodeSample
          title="curl"
          code={curlSecretSnippet(`${origin}/api/v1/projects/<project-id>/trigger`, "main", "trg_…")}
          hint="Replace <project-id> with the project's id (project_id in .data/demo-credentials.json) and trg_… with the secret."
        />
        <p>
          The demo build runner then takes the build through started to succeeded (now and then, failed), and every step is an event:{" "}
          <code>build.queued</code>, <code>build.started</code>, <code>build.succeeded</code>. More ways to start builds, including GitHub pushes, are
          in <Link href="/docs/triggers">Triggers</Link>.
        </p>
      </DocsSection>

      <DocsSection id="delivery" title="5. See the delivery">
        <p>
          Open {orgPage("/deliveries", "Deliveries")}: each event sent to each endpoint is a row with its status, attempts and response. Open one to
          see the exact request (headers, signatures and body) and your endpoint&apos;s answer, and to resend it. The test inbox shows the same requests
          from the receiving side. When a receiver fails, Control Center retries it on a schedule; see{" "}
          <Link href="/docs/retries">Retries and delivery policy</Link>.
        </p>
      </DocsSection>

      <DocsSection id="api" title="6. Use the API">
        <p>
          Everything above works over the REST API too. Authenticate with the demo API key as a bearer token (<code>Authorization: Bearer cc_live_…</code>
          ); it holds every scope. Create more keys, with only the scopes they need, under {orgPage("/api-keys", "API keys")}.
        </p>
        <CodeSample title="Terminal" code={apiSnippet} />
        <Callout title="Every operation, with its schemas">
          The <Link href="/docs/api">API reference</Link> lists each endpoint of <code>/api/v1</code> with its parameters, request and response
          schemas and examples, and lets you send requests with your key.
        </Callout>
      </DocsSection>
    </DocsArticle>
  );
}
