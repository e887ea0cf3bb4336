"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { createProjectAction } from "@/lib/actions/projects";
import { Button } from "@/components/ui/button";
import { submitTo } from "@/components/ui/submit";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input, Textarea } from "@/components/ui/field";
import { useFieldErrors } from "@/components/ui/field-errors";

function splitList(value: string) {
  return value
    .split(/[,\s]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

export function NewProjectButton({ orgId }: { orgId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>New project</Button>
      <NewProjectDialog orgId={orgId} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

function NewProjectDialog({ orgId, open, onClose }: { orgId: string; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const { errors, clear, fail } = useFieldErrors();
  const mutation = useActionMutation((input: Parameters<typeof createProjectAction>[1]) => createProjectAction(orgId, input), {
    onSuccess: (project) => {
      toast.success(`Project ${project.name} created`);
      onClose();
      router.push(`/orgs/${orgId}/projects/${project.id}`);
    },
    onError: fail,
  });

  function submit(form: FormData) {
    clear();
    mutation.mutate({
      name: String(form.get("name") ?? ""),
      description: String(form.get("description") ?? "") || null,
      repository: String(form.get("repository") ?? "") || null,
      default_branch: String(form.get("default_branch") ?? "") || "main",
      default_platforms: splitList(String(form.get("default_platforms") ?? "")),
      default_formats: splitList(String(form.get("default_formats") ?? "")),
    });
  }

  return (
    <Dialog open={open} onClose={onClose} title="New project" description="Builds, triggers and endpoints are set up per project.">
      <form onSubmit={submitTo(submit)} className="space-y-4">
        <Field label="Name" error={errors.name}>
          {(p) => <Input {...p} name="name" placeholder="MyPlugin" required maxLength={100} autoFocus />}
        </Field>
        <Field label="Description" error={errors.description}>
          {(p) => <Textarea {...p} name="description" rows={2} maxLength={500} />}
        </Field>
        <Field label="GitHub repository" hint="owner/repository — optional" error={errors.repository}>
          {(p) => <Input {...p} name="repository" placeholder="my-studio/myplugin" />}
        </Field>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <Field label="Default branch" error={errors.default_branch}>
            {(p) => <Input {...p} name="default_branch" defaultValue="main" />}
          </Field>
          <Field label="Platforms" hint="comma-separated" error={errors.default_platforms}>
            {(p) => <Input {...p} name="default_platforms" defaultValue="macos, windows" />}
          </Field>
          <Field label="Formats" hint="comma-separated" error={errors.default_formats}>
            {(p) => <Input {...p} name="default_formats" defaultValue="vst3, au" />}
          </Field>
        </div>
        <DialogActions onCancel={onClose} pending={mutation.isPending} className="flex justify-end gap-2 pt-2">
          Create project
        </DialogActions>
      </form>
    </Dialog>
  );
}
