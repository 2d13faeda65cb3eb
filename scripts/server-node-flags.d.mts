export const DEFAULT_OLD_SPACE_MIB: number;
export const SEMI_SPACE_MIB: number;
export const HEAP_GROWING_PERCENT: number;
export const MARKING_SOFT_TRIGGER_PERCENT: number;
export const INITIAL_OLD_SPACE_MIB: number;
/** The container's memory limit in bytes (cgroup v2 or v1 under `root`), or undefined when none is set. */
export function containerMemoryLimit(root?: string): number | undefined;
/** The CPUs a container's CPU quota allows (cgroup v2 or v1 under `root`), rounded up, or undefined. */
export function containerCpuQuota(root?: string): number | undefined;
/** V8's worker threads for `cpus` CPUs: one fewer, at least 1, at most 4. */
export function v8PoolSize(cpus: number): number;
/** The V8 old space (MiB) for a memory limit, or the default without one. */
export function oldSpaceMib(limitBytes: number | undefined): number;
export function serverNodeFlags(options?: { cgroupRoot?: string; nodeOptions?: string }): string[];
export const SERVER_NODE_FLAGS: readonly string[];
/** `env` (default process.env) with MALLOC_ARENA_MAX=2 unless it sets one. */
export function serverEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
