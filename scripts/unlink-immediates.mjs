// `node --import …/unlink-immediates.mjs`: an Immediate that has run no longer links to the ones
// that ran beside it.
//
// Node (20; nodejs/node#66129) runs a batch of setImmediate callbacks as a linked list and leaves
// each Immediate's `_idlePrev`/`_idleNext` in place after it has run. An Error created inside a
// callback keeps its stack's receivers until someone reads `error.stack`, and the receiver of the
// callback's frame is the Immediate itself. React's Flight renderer does exactly that on every
// page: it aborts its cache signal with an Error from work scheduled by setImmediate, so each
// rendered page kept its Immediate, through the stale links every Immediate of the same batch,
// through their AsyncLocalStorage stores the other requests rendered then, and through those
// requests' own abort Errors the batches before: a chain over every page a kept-alive connection
// served, freed only when the connections closed (a signed-in 404 flood grew the heap by ~95 KB a
// request, bench/results/HISTORY.md session 16).
//
// Each callback, when it starts, cuts the links behind it: its own `_idlePrev` and the previous
// Immediate's `_idleNext`. Node no longer reads either once the previous one has run — it moves on
// through the running Immediate's own `_idleNext`, which is left alone. No library does this; the
// fix belongs in Node's timers, which this can't reach.

import timers from "node:timers";

const INSTALLED = Symbol.for("opendepot.unlink-immediates");

/** Wraps `callback` so that, run as an Immediate, it first detaches the Immediates that ran before it. */
function unlinkingCallback(callback) {
  return function runUnlinked(...args) {
    const previous = this?._idlePrev;
    if (previous) {
      previous._idleNext = null;
      this._idlePrev = null;
    }
    return callback.apply(this, args);
  };
}

/** Replaces the global setImmediate (and node:timers') with one whose callbacks unlink; once per process. */
export function installUnlinkingSetImmediate(target = globalThis) {
  if (target[INSTALLED]) return;
  const nodeSetImmediate = target.setImmediate;
  function setImmediate(callback, ...args) {
    // Anything but a function is Node's to reject, with its own error.
    if (typeof callback !== "function") return nodeSetImmediate(callback, ...args);
    return nodeSetImmediate(unlinkingCallback(callback), ...args);
  }
  // util.promisify(setImmediate) keeps resolving through Node's own promise form.
  for (const key of Reflect.ownKeys(nodeSetImmediate)) {
    if (key === "length" || key === "name" || key === "prototype") continue;
    Object.defineProperty(setImmediate, key, Object.getOwnPropertyDescriptor(nodeSetImmediate, key));
  }
  target.setImmediate = setImmediate;
  if (target === globalThis && timers.setImmediate === nodeSetImmediate) timers.setImmediate = setImmediate;
  Object.defineProperty(target, INSTALLED, { value: true });
}

installUnlinkingSetImmediate();
