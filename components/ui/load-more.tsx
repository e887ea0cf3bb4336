"use client";

import { Button } from "./button";

/** The "Load more" of a cursor-paginated list (React Query's infinite query). */
export function LoadMore({ query }: { query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }) {
  if (!query.hasNextPage) return null;
  return (
    <div className="flex justify-center">
      <Button variant="secondary" onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
        Load more
      </Button>
    </div>
  );
}
