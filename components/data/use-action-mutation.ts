"use client";
// The one way the UI runs a server action that changes something: a React Query mutation
// whose failures (refusals and network errors alike) arrive as ActionError and are shown as
// a toast unless the caller handles them itself, and which invalidates the given queries.
import { useMutation, useQueryClient, type QueryKey, type UseMutationOptions } from "@tanstack/react-query";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/guard";
import { ActionError, unwrap } from "./actions";

type Options<TData, TInput, TContext> = Omit<UseMutationOptions<TData, ActionError, TInput, TContext>, "mutationFn"> & {
  /** Queries to refresh after a success. */
  invalidate?: QueryKey[];
};

export function useActionMutation<TInput = void, TData = unknown, TContext = unknown>(
  action: (input: TInput) => Promise<ActionResult<TData>>,
  { invalidate = [], onSuccess, onError, ...options }: Options<TData, TInput, TContext> = {},
) {
  const client = useQueryClient();
  return useMutation<TData, ActionError, TInput, TContext>({
    ...options,
    mutationFn: (input) => unwrap(() => action(input)),
    onSuccess: (...args) => {
      for (const queryKey of invalidate) void client.invalidateQueries({ queryKey });
      return onSuccess?.(...args);
    },
    onError: onError ?? ((error) => void toast.error(error.message)),
  });
}

export { ActionError };
