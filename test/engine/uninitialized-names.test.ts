// Which bindings a paused frame cannot read yet: the frame is at the marker `@` of each program.
import { describe, expect, it } from 'vitest';
import { uninitializedIn } from '../../src/engine/uninitialized-names.js';

/** The unreached names of the frame paused where `@` stands in `code` (the marker removed). */
function unreachedAt(code: string): string[] {
  const at = code.indexOf('@');
  const source = code.slice(0, at) + code.slice(at + 1);
  const before = source.slice(0, at).split('\n');
  return [...uninitializedIn(source, before.length - 1, before[before.length - 1]!.length)].sort();
}

describe('bindings a frame has not reached', () => {
  it('the declaration being evaluated, and those after it in its scopes; not the ones before', () => {
    expect(unreachedAt('const a = 1;\nfunction f(x) {\n  let b = 2;\n  const c = @g(x), d = 3;\n  const e = 4;\n  return c;\n}\nconst z = f(1);')).toEqual(['c', 'd', 'e']);
    expect(unreachedAt('let early = 1;\nconst result = @load();\nclass Later {}\n')).toEqual(['Later', 'result']);
  });

  it("an inner block's binding hides an outer one; a block that ended is out of scope", () => {
    expect(unreachedAt('const v = 1;\n{ @f(); let v = 2; }')).toEqual(['v']);
    expect(unreachedAt('let v;\n{ const w = 1; }\nfunction g() { let v = 1; { @f(); } }')).toEqual([]);
    expect(unreachedAt('{ const w = 1; }\nconst after = @f();')).toEqual(['after']);
  });

  it("loops: the header's binding once it is set, for-of's binding in its body only", () => {
    expect(unreachedAt('for (let i = @start(); i < 3; i++) {}')).toEqual(['i']);
    expect(unreachedAt('for (let i = 0; i < 3; i++) { @f(i); }')).toEqual([]);
    expect(unreachedAt('for (const item of @items()) {}')).toEqual(['item']);
    expect(unreachedAt('for (const { a, b: [c] } of list) { @f(a); const late = 1; }')).toEqual(['late']);
  });

  it("parameters, catch parameters, var and function declarations are set; other frames' bindings do not count", () => {
    expect(unreachedAt('function f({ a }, [b] = [], ...rest) { @g(); }')).toEqual([]);
    expect(unreachedAt('try {} catch ({ message }) { @log(message); }')).toEqual([]);
    expect(unreachedAt('@f();\nvar v = 1;\nfunction h() {}')).toEqual([]);
    expect(unreachedAt('const outer = (() => { @f(); return 1; })();')).toEqual([]);
    expect(unreachedAt('class C { static { @f(); const s = 1; } }')).toEqual(['s']);
  });

  it('ES module exports', () => {
    expect(unreachedAt("import x from 'y';\nexport const config = @load(x);\nexport class Service {}")).toEqual(['Service', 'config']);
  });
});
