// Where Node itself says something different from one major version to the next, measured and
// listed in docs/node-versions.md: tests name the difference here, once, instead of comparing
// version numbers inline. The tests run under the `node` first on PATH, as their pmdb does.
export const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/** Node 26 gives an fs.promises error an empty stack (its frames are cut at a function not on it). */
export const FS_PROMISE_ERRORS_NAME_NO_FRAME = NODE_MAJOR >= 26;

/**
 * Node 22 and 24 pause on an fs.promises rejection nobody catches while its awaiting callers are
 * known (pmdb keeps them all); Node 20's pause, all in Node's code, is blackboxed.
 */
export const FS_PROMISE_REJECTIONS_KEEP_CALLERS = NODE_MAJOR >= 22 && !FS_PROMISE_ERRORS_NAME_NO_FRAME;


/**
 * util.inspect of an error whose `message` getter throws: Node 20 lets the getter's error out,
 * Node 22+ prints `[object Error]` (what `console.log(e)` shows in the program too).
 */
export const INSPECT_SURVIVES_THROWING_MESSAGE = NODE_MAJOR >= 22;
