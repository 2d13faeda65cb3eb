/** Replaces `target.setImmediate` (default the global one, and node:timers') with one whose callbacks unlink. */
export function installUnlinkingSetImmediate(target?: { setImmediate: typeof setImmediate }): void;
