/** The sha256 (hex) of the build inputs of the checkout at `root` (see source-stamp.mjs). */
export function sourceStamp(root: string): string;
