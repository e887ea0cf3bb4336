import { Button } from "@/components/ui/button";

/** The end of an auth form: the server's error, if any, then the full-width submit button. */
export function AuthSubmit({ error, pending, children }: { error?: string; pending: boolean; children: React.ReactNode }) {
  return (
    <>
      {error && (
        <p role="alert" className="rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700">
          {error}
        </p>
      )}
      <Button type="submit" className="w-full" loading={pending}>
        {children}
      </Button>
    </>
  );
}
