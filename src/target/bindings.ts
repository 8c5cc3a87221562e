// A frame's variable under the two names it may have: the one the source gives it, which pmdb
// shows and the user types, and the one V8 knows it by, which a compiler may have changed
// (engine/renamed-names.ts).
export interface Binding {
  /** The source's name; V8's when the source map is not sure which it is (`unsure`). */
  name: string;
  /** V8's name: what code run in the frame spells. */
  generated: string;
  /** The source names the map gives the variable, when it gives several. */
  unsure?: string[];
}
