"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { queryKeys } from "@/components/data/query-keys";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { createWebhookAction, updateWebhookAction } from "@/lib/actions/webhooks";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { submitTo } from "@/components/ui/submit";
import type { WebhookResource } from "@/lib/webhooks/schemas";
import { CompatSignatureFields } from "./compat-signature-fields";
import { compatDraft, compatFromDraft, compatSummary, resolvedCompat, type CompatDraft } from "./compat-signature-values";
import { DeliveryPolicyFields } from "./delivery-policy-fields";
import { policyDraft, policyFromDraft, policySummary, type PolicyDraft } from "./delivery-policy-values";
import { changedFields, hasGroupError, serverFieldErrors, type EndpointChanges, type EndpointValues } from "./endpoint-values";
import { FormDisclosure } from "./form-disclosure";
import { EventPicker, eventsToSelection, selectionToEvents, type EventSelection } from "./event-picker";
import { FormatPicker } from "./format-picker";
import { headerRows, HeadersEditor, rowsToHeaders, type HeaderRow } from "./headers-editor";
import { LinkButton } from "@/components/ui/link-button";
import { ReadOnlyNote } from "@/components/ui/read-only-note";

type Save = { endpointId: string; changes: EndpointChanges } | { values: EndpointValues & { secret?: string } };

/**
 * Create or edit an endpoint. Server validation errors (a refused URL, an unknown
 * project, a reserved header) are shown next to their fields.
 */
export function EndpointForm({
  orgId,
  projects,
  endpoint,
  defaultProjectId,
  defaultUrl,
  urlHint,
  cancelHref,
  readOnlyReason,
  signatureHeaderPrefix,
}: {
  orgId: string;
  projects: { id: string; name: string }[];
  /** The endpoint to edit; without it the form creates one. */
  endpoint?: WebhookResource;
  defaultProjectId?: string | null;
  /** A URL to start a new endpoint with (e.g. a test inbox's). */
  defaultUrl?: string;
  urlHint: React.ReactNode;
  cancelHref?: string;
  /** Set when the member may only look: the form is disabled and says why. */
  readOnlyReason?: string;
  /** The operator's SIGNATURE_HEADER_PREFIX ("X-Webhook-"): the default signature header and the timestamp header. */
  signatureHeaderPrefix: string;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [events, setEvents] = useState<EventSelection>(() => eventsToSelection(endpoint?.events ?? []));
  const [headers, setHeaders] = useState<HeaderRow[]>(() => headerRows(endpoint?.headers ?? {}));
  const [format, setFormat] = useState<WebhookResource["format"]>(endpoint?.format ?? "standard");
  const [policy, setPolicy] = useState<PolicyDraft>(() => policyDraft(endpoint?.policy));
  const [compat, setCompat] = useState<CompatDraft>(() => compatDraft(endpoint?.compat_signature, signatureHeaderPrefix));
  const [policyOpen, setPolicyOpen] = useState(false);
  const [compatOpen, setCompatOpen] = useState(false);
  const editing = Boolean(endpoint);
  const disabled = Boolean(readOnlyReason);

  function showErrors(next: Record<string, string>) {
    setErrors(next);
    // A refused field inside a closed group opens it (in the same render, so it can take the focus).
    if (hasGroupError(next, "policy")) setPolicyOpen(true);
    if (hasGroupError(next, "compat_signature")) setCompatOpen(true);
  }

  useEffect(() => {
    // Take the keyboard to the first field the server refused.
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const mutation = useActionMutation((save: Save) => ("values" in save ? createWebhookAction(orgId, save.values) : updateWebhookAction(orgId, { endpointId: save.endpointId, ...save.changes })), {
    invalidate: [queryKeys.webhooks(orgId)],
    onSuccess: (saved) => {
      if (editing) {
        toast.success(`Settings of ${saved.name} saved`);
        router.refresh();
      } else {
        toast.success(`Endpoint ${saved.name} created`);
        router.push(`/orgs/${orgId}/webhooks/${saved.id}`);
      }
    },
    onError: (error) => {
      const fieldErrors = serverFieldErrors(error.fieldErrors);
      showErrors(fieldErrors);
      const first = Object.values(fieldErrors)[0];
      toast.error(first ? `Not saved: ${first}` : error.message);
    },
  });

  function submit(form: FormData) {
    const { headers: headerRecord, problem } = rowsToHeaders(headers);
    const clientErrors: Record<string, string> = {};
    if (problem) clientErrors.headers = problem;
    if (!events.all && events.selected.size === 0) clientErrors.events = "Select at least one event type, or choose All events.";
    const { policy: policyValue, errors: policyErrors } = policyFromDraft(policy);
    Object.assign(clientErrors, policyErrors);
    showErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return;

    const values: EndpointValues = {
      name: String(form.get("name") ?? "").trim(),
      url: String(form.get("url") ?? "").trim(),
      description: String(form.get("description") ?? "").trim() || null,
      project_id: String(form.get("project_id") ?? "") || null,
      format,
      events: selectionToEvents(events),
      headers: headerRecord,
      active: form.get("active") === "on",
      policy: policyValue,
      compat_signature: compatFromDraft(compat),
    };
    if (endpoint) {
      const changes = changedFields(endpoint, values, signatureHeaderPrefix);
      if (Object.keys(changes).length === 0) {
        toast.info("Nothing to save: the settings are unchanged.");
        return;
      }
      mutation.mutate({ endpointId: endpoint.id, changes });
    } else {
      const secret = String(form.get("secret") ?? "").trim();
      mutation.mutate({ values: { ...values, ...(secret ? { secret } : {}) } });
    }
  }

  return (
    <form ref={formRef} onSubmit={submitTo(submit)} className="space-y-6">
      {readOnlyReason && <ReadOnlyNote id="endpoint-form-permission">{readOnlyReason}</ReadOnlyNote>}
      <fieldset disabled={disabled} aria-describedby={disabled ? "endpoint-form-permission" : undefined} className="space-y-6 disabled:opacity-60">
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Name" hint="Shown in the dashboard and in delivery logs." error={errors.name}>
            {(p) => <Input {...p} name="name" defaultValue={endpoint?.name} placeholder="Release notifier" required maxLength={100} autoFocus={!editing} />}
          </Field>
          <Field label="Scope" hint="A project-scoped endpoint only receives that project's events." error={errors.project_id}>
            {(p) => (
              <Select
                {...p}
                name="project_id"
                defaultValue={endpoint ? (endpoint.project_id ?? "") : (defaultProjectId ?? "")}
                options={projects.map((project) => ({ value: project.id, label: project.name }))}
              >
                <option value="">All projects</option>
              </Select>
            )}
          </Field>
        </div>
        <Field label="URL" hint={urlHint} error={errors.url}>
          {(p) => (
            <Input
              {...p}
              name="url"
              type="url"
              inputMode="url"
              defaultValue={endpoint?.url ?? defaultUrl}
              placeholder="https://example.com/webhooks"
              required
              maxLength={2048}
              spellCheck={false}
              autoComplete="off"
              className="font-mono"
            />
          )}
        </Field>
        <Field label="Description" hint="Optional: what listens here and who owns it." error={errors.description}>
          {(p) => <Textarea {...p} name="description" defaultValue={endpoint?.description ?? ""} rows={2} maxLength={500} />}
        </Field>

        <EventPicker value={events} onChange={setEvents} error={errors.events} disabled={disabled} />

        <FormatPicker value={format} onChange={setFormat} error={errors.format} />

        <HeadersEditor rows={headers} onChange={setHeaders} error={errors.headers} disabled={disabled} />

        <FormDisclosure title="Delivery policy" summary={policySummary(policyFromDraft(policy).policy)} open={policyOpen} onOpenChange={setPolicyOpen}>
          <DeliveryPolicyFields value={policy} onChange={setPolicy} errors={errors} disabled={disabled} />
        </FormDisclosure>

        <FormDisclosure
          title="Compatibility signature"
          summary={compatSummary(resolvedCompat(compat, signatureHeaderPrefix))}
          open={compatOpen}
          onOpenChange={setCompatOpen}
        >
          <CompatSignatureFields value={compat} onChange={setCompat} headerPrefix={signatureHeaderPrefix} errors={errors} />
        </FormDisclosure>

        {!editing && (
          <details className="group rounded-lg ring-1 ring-neutral-200" open={Boolean(errors.secret)}>
            <summary className="cursor-pointer rounded-lg px-3 py-2 text-sm font-medium text-neutral-800 hover:bg-neutral-50">
              Advanced: bring your own signing secret
            </summary>
            <div className="border-t border-neutral-100 px-3 py-3">
              <Field
                label="Signing secret"
                hint="Leave empty to generate one (recommended). Use this to keep the secret of an endpoint you are moving here: whsec_ followed by base64."
                error={errors.secret}
              >
                {(p) => <Input {...p} name="secret" placeholder="whsec_…" autoComplete="off" spellCheck={false} className="font-mono" />}
              </Field>
            </div>
          </details>
        )}

        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="active" defaultChecked={endpoint?.active ?? true} className="mt-0.5 size-4 shrink-0 rounded accent-brand-600" />
          <span>
            <span className="block font-medium text-neutral-900">Active</span>
            <span className="block text-xs text-neutral-500">Send events to this endpoint. Turn off to pause deliveries without deleting it.</span>
          </span>
        </label>
      </fieldset>

      {!disabled && (
        <div className="flex items-center justify-end gap-2 border-t border-neutral-100 pt-4">
          {cancelHref && (
            <LinkButton href={cancelHref} variant="secondary">
              Cancel
            </LinkButton>
          )}
          <Button type="submit" loading={mutation.isPending}>
            {editing ? "Save changes" : "Create endpoint"}
          </Button>
        </div>
      )}
    </form>
  );
}
