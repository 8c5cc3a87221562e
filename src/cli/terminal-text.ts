// Text on its way to the terminal: whatever a program or a dump put in it (a source line, an
// error message, a file name, argv) must not drive the terminal. A raw ESC could set the window
// title (OSC 0), write to the clipboard (OSC 52), make a link (OSC 8), move the cursor or clear
// the screen (CSI); C1 controls do the same on terminals that take 8-bit codes. Each such
// character is shown escaped, as util.inspect shows it in a string: `\x1B]0;pwned\x07`.
// Line feeds and tabs are layout. pmdb's own colors are Select Graphic Rendition sequences
// (`ESC [ ... m`), kept when the output has colors: they only color text.

const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const CONTROLS_BUT_COLORS = /\x1b\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const NAMED: Record<string, string> = { '\b': '\\b', '\f': '\\f', '\v': '\\v', '\r': '\\r' };

const escaped = (c: string): string => {
  if (c.length > 1) return c;
  return NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
};

/** `text` with every control character escaped but line feeds, tabs and (with `colors`) color sequences. */
export function terminalText(text: string, colors: boolean): string {
  return text.replace(colors ? CONTROLS_BUT_COLORS : CONTROLS, escaped);
}
