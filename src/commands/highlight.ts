// Syntax colors for source shown at the prompt (`list`, `ll`, `source`, the `-> ` line), by
// cli-highlight (highlight.js). Used only when pmdb has decided on colors (traceback/colors.ts: NO_COLOR, FORCE_COLOR, a terminal),
// and loaded only then: highlight.js takes 100-170 ms to load, which every start-up would pay.
type Highlight = (code: string, options: { language: string; ignoreIllegals: boolean }) => string;
let highlighter: Promise<Highlight> | undefined;

function loadHighlighter(): Promise<Highlight> {
  highlighter ??= Promise.all([import('chalk'), import('cli-highlight')]).then(([{ default: chalk }, { highlight }]) => {
    // cli-highlight paints with chalk's shared instance, which judges the terminal by itself (and
    // says no when TERM is unknown to it); pmdb has already decided, so chalk must not veto that.
    chalk.level = Math.max(chalk.level, 1) as typeof chalk.level;
    return highlight;
  });
  return highlighter;
}

const TYPESCRIPT = /\.[cm]?tsx?$/;
// Whole files are colored at once, so that a comment or template string spanning lines keeps its
// color on each (chalk closes and reopens styles at line ends); keyed by the target's line array.
const cache = new WeakMap<readonly string[], string[]>();

export async function highlightedLines(file: string, lines: readonly string[]): Promise<string[]> {
  let colored = cache.get(lines);
  if (!colored) {
    const language = TYPESCRIPT.test(file) ? 'typescript' : 'javascript';
    const highlight = await loadHighlighter();
    colored = highlight(lines.join('\n'), { language, ignoreIllegals: true }).split('\n');
    // A highlighter that ever changed the line count would shift every listing: fall back to plain.
    if (colored.length !== lines.length) colored = [...lines];
    cache.set(lines, colored);
  }
  return colored;
}
