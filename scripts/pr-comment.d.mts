// Types for scripts/pr-comment.mjs, for the tests that import it.
export declare const MARKER: string;
export declare const COMMENT_LIMIT: number;
export declare const DEFAULT_AUTHOR: string;
export declare function withoutTokens(env: Record<string, string | undefined>): Record<string, string | undefined>;
export declare function upsertComment(options: {
  api: string; repository: string; issue: number; token: string; body: string; author?: string; fetch?: typeof fetch;
}): Promise<{ action: "created" | "updated"; id: number; url: string }>;
export declare function commentBody(sections: { title: string; markdown: string }[]): string;
export declare function main(env?: Record<string, string | undefined>, options?: { fetch?: typeof fetch; cwd?: string; log?: (line: string) => void }): Promise<number>;
