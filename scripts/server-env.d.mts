export declare const MALLOC_DEFAULTS: Record<'MALLOC_ARENA_MAX' | 'MALLOC_TRIM_THRESHOLD_', string>;
export declare function serverProcessEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
