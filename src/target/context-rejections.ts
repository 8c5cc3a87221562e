// A promise an expression rejects at a dump's prompt (`Promise.reject(1)`, or one a console of
// `pmdb view` made) belongs to the expression's context, and nothing there handles it: Node would
// end pmdb over it as over an unhandled rejection of its own. Those of other realms are ignored;
// pmdb's own still end it as before.
let installed = false;

export function ignoreContextRejections(): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason, promise) => {
    if (promise instanceof Promise) throw reason;
  });
}
