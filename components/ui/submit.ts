import { startTransition } from "react";

/**
 * A form onSubmit that hands the FormData to `action` without React's automatic
 * form reset (which `<form action>` does after every submission, wiping what the
 * user typed when the server answers with a validation error).
 */
export function submitTo(action: (form: FormData) => void) {
  return (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => action(form));
  };
}
