// Where Node itself says something different from one major version to the next, measured and
// listed in docs/node-versions.md: tests name the difference here, once, instead of comparing
// version numbers inline. The tests run under the `node` first on PATH, as their pmdb does.
export const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/** Node 26 gives an fs.promises error an empty stack (its frames are cut at a function not on it). */
export const FS_PROMISE_ERRORS_NAME_NO_FRAME = NODE_MAJOR >= 26;


/**
 * util.inspect of an error whose `message` getter throws: Node 20 lets the getter's error out,
 * Node 22+ prints `[object Error]` (what `console.log(e)` shows in the program too).
 */
export const INSPECT_SURVIVES_THROWING_MESSAGE = NODE_MAJOR >= 22;
