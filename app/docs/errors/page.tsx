import Link from "next/link";
import { CodeSample } from "@/components/docs/code-sample";
import { formatJson } from "@/components/docs/format-json";
import { DocsArticle, DocsSection } from "@/components/docs/prose";
import { Table, Td } from "@/components/ui/table";

export const metadata = { title: "API errors" };

// Every problem's `type` is /docs/errors#{code} (lib/api/problem.ts): each row's id is that anchor.
const ERRORS: { code: string; status: number; meaning: React.ReactNode }[] = [
  { code: "bad_request", status: 400, meaning: "The body is not JSON, or holds a value that cannot be stored. Fix the request; sending it again as it is fails the same way." },
  {
    code: "unauthorized",
    status: 401,
    meaning: (
      <>
        No API key, an unknown, revoked or expired one, or (on the trigger endpoint) a wrong trigger secret or signature. Send{" "}
        <code>Authorization: Bearer cc_live_…</code>.
      </>
    ),
  },
  {
    code: "forbidden",
    status: 403,
    meaning: (
      <>
        The key or member lacks the permission; <code>detail</code> names the scope or role it needs.
      </>
    ),
  },
  {
    code: "not_found",
    status: 404,
    meaning: "No such object, or it belongs to another organization: objects of other organizations do not exist for you.",
  },
  {
    code: "conflict",
    status: 409,
    meaning: (
      <>
        The object&apos;s state does not allow it (a build that already ended, a disabled endpoint, a replayed signature), or it clashes with an
        existing one. <code>detail</code> says which.
      </>
    ),
  },
  { code: "payload_too_large", status: 413, meaning: "The body is larger than the route accepts." },
  {
    code: "validation_failed",
    status: 422,
    meaning: (
      <>
        One or more fields are invalid. <code>errors</code> lists each with its dotted path (<code>field</code>), a <code>message</code> and often a{" "}
        <code>code</code>.
      </>
    ),
  },
  {
    code: "rate_limited",
    status: 429,
    meaning: (
      <>
        Too many requests of this kind. Wait <code>Retry-After</code> seconds (also <code>retry_after</code> in the body); some routes add{" "}
        <code>RateLimit-Limit</code>, <code>RateLimit-Remaining</code> and <code>RateLimit-Reset</code>.
      </>
    ),
  },
  {
    code: "internal_error",
    status: 500,
    meaning: (
      <>
        Something failed on the server. Try again; if it keeps failing, report it with the time and the <code>instance</code>.
      </>
    ),
  },
  {
    code: "database_unavailable",
    status: 503,
    meaning: (
      <>
        The database is briefly unreachable. Try again after <code>Retry-After</code> seconds.
      </>
    ),
  },
];

const EXAMPLE = formatJson({
  type: "/docs/errors#validation_failed",
  title: "Unprocessable Content",
  status: 422,
  code: "validation_failed",
  detail: "The request is invalid; see `errors`.",
  instance: "/api/v1/webhooks",
  errors: [{ field: "url", message: "Enter the URL that receives the events.", code: "too_small" }],
});

export default function ApiErrorsPage() {
  return (
    <DocsArticle
      href="/docs/errors"
      title="API errors"
      lead={
        <>
          A failed call to <code>/api/v1</code> answers an <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a> problem, with the content type{" "}
          <code>application/problem+json</code>.
        </>
      }
    >
      <DocsSection id="problem" title="What a problem looks like">
        <p>
          <code>code</code> is stable: branch on it, not on the text. <code>detail</code> is a sentence for people that says what was wrong and, where
          it can, what to do. <code>type</code> links to the code&apos;s entry below, and <code>instance</code> is the path that was called.
        </p>
        <CodeSample title="422 Unprocessable Content" code={EXAMPLE} />
      </DocsSection>
      <DocsSection id="codes" title="Error codes">
        <div className="mt-4">
          <Table label="Error codes" columns={["Code", "Status", "Meaning"]}>
            {ERRORS.map((error) => (
              <tr key={error.code} id={error.code} className="scroll-mt-20 target:bg-brand-50">
                <Td className="font-mono text-xs whitespace-nowrap text-neutral-900">{error.code}</Td>
                <Td className="font-mono text-xs">{error.status}</Td>
                <Td>{error.meaning}</Td>
              </tr>
            ))}
          </Table>
        </div>
        <p>
          Each operation in the <Link href="/docs/api">API reference</Link> lists the statuses it may answer.
        </p>
      </DocsSection>
    </DocsArticle>
  );
}
