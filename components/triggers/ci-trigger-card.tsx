"use client";

import Link from "next/link";
import { useState } from "react";
import { SectionCard } from "@/components/ui/section-card";
import { BodySignatureSetting } from "./body-signature-setting";
import { ProjectSecret } from "./project-secret";
import { flagsText, type ProjectBuildDefaults } from "./rule-fields";
import { SnippetBlock } from "./snippet-block";
import { SECRET_VARIABLE, curlSecretSnippet, curlSignatureSnippet, githubActionsSnippet } from "./snippets";

/** The manual trigger endpoint: its secret and snippets with this project's real URL. */
export function CiTriggerCard({
  orgId,
  projectId,
  triggerUrl,
  defaultBranch,
  canManage,
  perMinute,
  defaults,
  bodySignature,
}: {
  orgId: string;
  projectId: string;
  triggerUrl: string;
  defaultBranch: string;
  canManage: boolean;
  perMinute: number;
  /** The project's build config defaults, which fill what a trigger leaves out. */
  defaults: ProjectBuildDefaults;
  /** Its trigger_body_signature setting: X-Signature over the body alone is accepted. */
  bodySignature: boolean;
}) {
  const [secret, setSecret] = useState<string | null>(null);
  const defaultFlags = flagsText(defaults.flags);
  const value = (text: string) => <code className="font-mono text-xs">{text}</code>;
  const variable = <code className="font-mono text-xs">${SECRET_VARIABLE}</code>;
  return (
    <SectionCard
      id="ci-trigger"
      title="Trigger from your CI"
      description={
        <>
          <code className="font-mono text-xs">POST {triggerUrl}</code> answers <code className="font-mono text-xs">202 {"{ build_id, status: \"queued\" }"}</code>.
        </>
      }
    >
      <div className="space-y-5">
        <ProjectSecret orgId={orgId} projectId={projectId} kind="trigger" canManage={canManage} secret={secret} onSecret={setSecret} />
        <ul className="list-disc space-y-1 pl-5 text-sm text-neutral-700">
          <li>
            At most <strong>{perMinute} triggers per minute</strong> per project (GitHub and CI together); beyond that the answer is{" "}
            <code className="font-mono text-xs">429</code> with <code className="font-mono text-xs">Retry-After</code> in seconds.
          </li>
          <li>
            Send an <code className="font-mono text-xs">Idempotency-Key</code> header to make retries safe: the same key within 24 hours returns
            the same build.
          </li>
          <li>
            Fields you leave out come from the project&apos;s defaults: branch {value(defaultBranch)}, platforms{" "}
            {value(defaults.platforms.join(", ") || "none")}, formats {value(defaults.formats.join(", ") || "none")} and release type{" "}
            {value(defaults.releaseType)}. Flags you send are added to{" "}
            {defaultFlags ? <>its default flags ({value(defaultFlags)})</> : "its default flags (none yet)"}; one sent as{" "}
            <code className="font-mono text-xs">false</code> turns a default off. Change them on the{" "}
            <Link href={`/orgs/${orgId}/projects/${projectId}/settings`} className="font-medium text-brand-700 underline">
              Settings tab
            </Link>
            .
          </li>
        </ul>
        <SnippetBlock
          title="curl with X-Webhook-Secret"
          hint={secret ? "Includes the revealed secret: keep it out of shared logs." : <>Expects the secret in {variable}.</>}
          code={curlSecretSnippet(triggerUrl, defaultBranch, secret)}
        />
        <SnippetBlock
          title="curl with an HMAC signature"
          hint="The secret never leaves your machine; the signature covers “{timestamp}.{body}” and expires after 5 minutes."
          code={curlSignatureSnippet(triggerUrl, defaultBranch, secret)}
        />
        <SnippetBlock
          title="GitHub Actions step"
          hint={<>Store the trigger secret as the repository secret <code className="font-mono text-xs">{SECRET_VARIABLE}</code>.</>}
          code={githubActionsSnippet(triggerUrl, defaultBranch)}
        />
        <BodySignatureSetting orgId={orgId} projectId={projectId} initial={bodySignature} canManage={canManage} />
      </div>
    </SectionCard>
  );
}
