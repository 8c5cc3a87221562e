// Packages loaded at their first use, not with pmdb: `pmdb open` and a session that sets no
// breakpoint never parse code nor map a position, and loading acorn alone (its tables) costs as
// much as parsing a dump (~40M instructions). Required as CommonJS, so that they load
// synchronously where their callers need them; each is loaded once, and only this way, so the
// front end holds one copy.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let acornModule: typeof import('acorn') | undefined;
let traceMappingModule: typeof import('@jridgewell/trace-mapping') | undefined;

export const acorn = (): typeof import('acorn') => (acornModule ??= require('acorn'));
export const traceMapping = (): typeof import('@jridgewell/trace-mapping') => (traceMappingModule ??= require('@jridgewell/trace-mapping'));
