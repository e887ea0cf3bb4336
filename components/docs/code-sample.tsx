import { SnippetBlock } from "@/components/triggers/snippet-block";

/** A titled, copyable code block in the flow of a docs page. */
export function CodeSample({ title, code, hint }: { title: string; code: string; hint?: React.ReactNode }) {
  return (
    <div className="mt-5">
      <SnippetBlock title={title} code={code} hint={hint} />
    </div>
  );
}
