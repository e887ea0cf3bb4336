"use client";

import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { BuildDetailResource } from "@/lib/builds/schemas";

/**
 * "Download all" of a build with several artifacts: saves the list of their download links as
 * JSON — the same `{ build_id, artifacts }` that GET /api/v1/builds/{id}/download/all answers —
 * since a browser cannot fetch several files from other sites in one click.
 */
export function DownloadAllButton({ build }: { build: Pick<BuildDetailResource, "id" | "number" | "artifacts"> }) {
  const fileName = `build-${build.number}-artifacts.json`;
  function save() {
    const body = JSON.stringify({ build_id: build.id, artifacts: build.artifacts }, null, 2);
    const url = URL.createObjectURL(new Blob([body], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
    toast.success(`Saved ${fileName}`, { description: `The download links of all ${build.artifacts.length} artifacts.` });
  }
  return (
    <div className="flex items-center gap-3">
      <span id="download-all-hint" className="text-xs text-neutral-500">
        Saves the {build.artifacts.length} links as JSON, like <code className="font-mono">GET …/download/all</code>
      </span>
      <Button variant="secondary" size="sm" onClick={save} aria-describedby="download-all-hint">
        Download all
      </Button>
    </div>
  );
}
