/**
 * Python 3.13's traceback colors, and when to use them: NO_COLOR turns them off, FORCE_COLOR
 * (other than `0`/`false`) turns them on, TERM=dumb turns them off, otherwise a terminal decides.
 */
export interface Palette {
  /** File name, line number and function name of a frame header. */
  location: string;
  excType: string;
  excMessage: string;
  /** The failing part (`^`) and its context (`~`), on the source line and the caret line. */
  primary: string;
  secondary: string;
  reset: string;
}

export const NO_COLORS: Palette = {
  location: '', excType: '', excMessage: '', primary: '', secondary: '', reset: '',
};

export const ANSI_COLORS: Palette = {
  location: '\x1b[35m',
  excType: '\x1b[1;35m',
  excMessage: '\x1b[35m',
  primary: '\x1b[1;31m',
  secondary: '\x1b[31m',
  reset: '\x1b[0m',
};

export function paletteFor(colorize: boolean | undefined): Palette {
  return colorize ? ANSI_COLORS : NO_COLORS;
}

export function canColorize(stream: { isTTY?: boolean } | undefined, env: Record<string, string | undefined> = process.env): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.TERM === 'dumb') return false;
  return stream?.isTTY === true;
}
