/** True when there is no build, or a source file is newer than it. */
export function needsBuild(root?: string): boolean;
/** Runs `next build` in `root` when needsBuild says so; false when that build failed. */
export function buildIfNeeded(root?: string, log?: (line: string) => void): boolean;
