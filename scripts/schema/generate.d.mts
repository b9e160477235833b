// Types of generate.mjs for the TypeScript tests that import it.
export declare const CONTRACTS: readonly { type: string; source: string; file: string; constant: string }[];
export declare const GENERATED_MODULE: string;
export declare function generateSchemas(base?: string): Map<string, string>;
export declare function driftedFiles(base?: string): string[];
