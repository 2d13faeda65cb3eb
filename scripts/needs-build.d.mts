/** True when there is no build, or a source file is newer than it. */
export function needsBuild(root?: string): boolean;
