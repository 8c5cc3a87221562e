// Packages loaded at their first use, not with pmdb: `pmdb open` and a session that sets no
// breakpoint never parse code nor map a position, and loading acorn alone (its tables) costs as
// much as parsing a dump (~40M instructions); esbuild takes ~50 ms, wanted only to find a
// TypeScript file's code lines; a traceback without source maps needs no trace-mapping.
// Required as CommonJS, so that they load synchronously where their callers need them; each is
// loaded once, and only this way, so a process holds one copy.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let acornModule: typeof import('acorn') | undefined;
let traceMappingModule: typeof import('@jridgewell/trace-mapping') | undefined;
let esbuildModule: typeof import('esbuild') | undefined;

export const acorn = (): typeof import('acorn') => (acornModule ??= require('acorn'));
export const traceMapping = (): typeof import('@jridgewell/trace-mapping') => (traceMappingModule ??= require('@jridgewell/trace-mapping'));
export const esbuild = (): typeof import('esbuild') => (esbuildModule ??= require('esbuild'));
