"use client";

import { useState } from "react";
import { Field, Input } from "@/components/ui/field";
import { RadioCards } from "@/components/ui/radio-cards";
import { SnippetBlock } from "@/components/triggers/snippet-block";
import { Tabs } from "@/components/triggers/tabs";
import { compatReceiverCode, type ReceiverLanguage } from "./compat-receiver-code";
import { groupOnlyError } from "./endpoint-values";
import { COMPAT_FIELDS, COMPAT_LABELS, defaultSignatureHeader, signatureHeaderOf, type CompatChoice, type CompatDraft } from "./compat-signature-values";

function descriptions(prefix: string): Record<CompatChoice, React.ReactNode> {
  return {
    none: "Standard Webhooks headers only (webhook-id, webhook-timestamp, webhook-signature).",
    timestamped: (
      <>
        <code className="font-mono">sha256=</code> + hex HMAC of <code className="font-mono">{"{timestamp}.{body}"}</code>, with{" "}
        <code className="font-mono">{prefix}Timestamp</code>: for receivers that check a timestamped signature and refuse replays.
      </>
    ),
    "body-sha256": (
      <>
        <code className="font-mono">sha256=</code> + hex HMAC of the raw body: the GitHub-style signature many receivers already check.
      </>
    ),
    "body-hex": "The bare hex HMAC of the raw body, no prefix: for receivers that compare the digest alone.",
  };
}

const CHOICES: CompatChoice[] = ["none", "timestamped", "body-sha256", "body-hex"];
const LANGUAGES: { value: ReceiverLanguage; label: string }[] = [
  { value: "node", label: "Node.js" },
  { value: "python", label: "Python" },
];

/**
 * The one compatibility signature an endpoint adds to the Standard Webhooks headers, and the
 * receiver code that checks it (docs/delivery.md#compatibility-signatures).
 */
export function CompatSignatureFields({
  value,
  onChange,
  headerPrefix,
  errors,
}: {
  value: CompatDraft;
  onChange: (next: CompatDraft) => void;
  headerPrefix: string;
  errors: Record<string, string>;
}) {
  const [language, setLanguage] = useState<ReceiverLanguage>("node");
  const text = descriptions(headerPrefix);
  const header = signatureHeaderOf(value, headerPrefix);
  const groupError = errors[COMPAT_FIELDS.scheme] ?? groupOnlyError(errors, COMPAT_FIELDS.group);
  return (
    <div className="space-y-4">
      <p className="text-xs text-neutral-500">
        Every request carries the Standard Webhooks signature. For a receiver written for another platform&apos;s webhooks, add one
        more signature in the header and format it already checks. Its HMAC key is the whole signing secret, <code className="font-mono">whsec_</code>{" "}
        included.
      </p>
      <RadioCards
        name="compat_scheme"
        legend="Extra signature"
        layout="mt-2 grid gap-2 sm:grid-cols-2"
        options={CHOICES.map((choice) => ({ value: choice, label: COMPAT_LABELS[choice], description: text[choice] }))}
        value={value.scheme}
        onChange={(scheme) => onChange({ ...value, scheme })}
      />
      {groupError && (
        <p role="alert" className="text-xs text-danger-600">
          {groupError}
        </p>
      )}
      {value.scheme !== "none" && (
        <>
          <Field
            label="Signature header"
            hint={
              <>
                The header your receiver reads, e.g. <code className="font-mono">X-Hub-Signature-256</code>. Empty:{" "}
                <code className="font-mono">{defaultSignatureHeader(headerPrefix)}</code>.
                {value.scheme === "timestamped" ? (
                  <>
                    {" "}
                    The timestamp goes in <code className="font-mono">{headerPrefix}Timestamp</code>.
                  </>
                ) : null}
              </>
            }
            error={errors[COMPAT_FIELDS.header]}
          >
            {(p) => (
              <Input
                {...p}
                name="compat_header"
                value={value.header}
                onChange={(e) => onChange({ ...value, header: e.target.value })}
                placeholder={defaultSignatureHeader(headerPrefix)}
                maxLength={100}
                spellCheck={false}
                autoComplete="off"
                className="max-w-sm font-mono"
              />
            )}
          </Field>
          <div className="space-y-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="text-sm font-medium text-neutral-800">Receiver code</h3>
              <Tabs id="compat-receiver" label="Receiver language" value={language} onChange={setLanguage} options={LANGUAGES} />
            </div>
            <div role="tabpanel" id={`compat-receiver-${language}`} aria-labelledby={`compat-receiver-tab-${language}`}>
              <SnippetBlock
                title={`Verify ${header} in ${language === "node" ? "Node.js" : "Python"}`}
                hint="secret: this endpoint's signing secret (whsec_…), e.g. from an environment variable."
                code={compatReceiverCode(language, { scheme: value.scheme, header, headerPrefix })}
              />
            </div>
          </div>
        </>
      )}
    </div>
  );
}
