"use client";

import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { SectionCard } from "@/components/ui/section-card";
import { ProjectSecret } from "./project-secret";

function CopyableValue({ label, value }: { label: string; value: string }) {
  return (
    <div className="space-y-1.5">
      <p className="text-sm font-medium text-neutral-800">{label}</p>
      <div className="flex items-center gap-2">
        <code aria-label={label} className="min-w-0 flex-1 rounded-md bg-neutral-50 px-3 py-2 font-mono text-xs break-all text-neutral-800 ring-1 ring-neutral-200">
          {value}
        </code>
        <CopyButton value={value} />
      </div>
    </div>
  );
}

/** What to paste into the repository's GitHub webhook settings. */
export function GitHubCard({
  orgId,
  projectId,
  payloadUrl,
  repository,
  canManage,
}: {
  orgId: string;
  projectId: string;
  payloadUrl: string;
  repository: string | null;
  canManage: boolean;
}) {
  const [secret, setSecret] = useState<string | null>(null);
  const settings = repository ? `https://github.com/${repository}/settings/hooks/new` : null;
  return (
    <SectionCard id="github" title="GitHub" description="GitHub sends pushes and releases here; the build rules above decide what builds.">
      <div className="space-y-4">
        <CopyableValue label="Payload URL" value={payloadUrl} />
        <CopyableValue label="Content type" value="application/json" />
        <ProjectSecret orgId={orgId} projectId={projectId} kind="github" canManage={canManage} secret={secret} onSecret={setSecret} />
        <div>
          <h3 className="text-xs font-semibold tracking-wide text-neutral-500 uppercase">Set it up</h3>
          <ol className="mt-2 list-decimal space-y-1.5 pl-5 text-sm text-neutral-700">
            <li>
              In GitHub, open the repository → <strong>Settings</strong> → <strong>Webhooks</strong> → <strong>Add webhook</strong>
              {settings && (
                <>
                  {" "}
                  (
                  <a href={settings} target="_blank" rel="noreferrer" className="font-medium text-brand-700 underline">
                    open for {repository}
                  </a>
                  )
                </>
              )}
              .
            </li>
            <li>
              <strong>Payload URL</strong>: paste the URL above.
            </li>
            <li>
              <strong>Content type</strong>: <code className="font-mono text-xs">application/json</code>.
            </li>
            <li>
              <strong>Secret</strong>: reveal the GitHub webhook secret above and paste it.
            </li>
            <li>
              <strong>Which events?</strong> Choose “Let me select individual events” and tick <strong>Pushes</strong> and{" "}
              <strong>Releases</strong>.
            </li>
            <li>Save. GitHub sends a ping; its “Recent deliveries” tab then shows which rules matched each push.</li>
          </ol>
        </div>
      </div>
    </SectionCard>
  );
}
