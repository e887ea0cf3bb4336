"use client";
import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";

/** A full-width submit button of a server-action form that shows it is working until the action answers. */
export function FormSubmit({ children }: { children: React.ReactNode }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" className="w-full" loading={pending}>
      {children}
    </Button>
  );
}
