// A string matched literally inside a regular expression (breakpoint URLs, blackbox patterns,
// function names searched in source).
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
