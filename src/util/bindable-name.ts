// Whether a variable's name can be bound as a plain identifier (a function parameter, a global):
// scopes may hold names that cannot, such as `arguments` or reserved words.
const RESERVED = new Set(
  'arguments eval this break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch throw true try typeof var void while with yield let static implements interface package private protected public await'.split(' '),
);

export function isBindable(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED.has(name);
}
