// Preloaded into a process under test (node --require): at exit, its peak resident memory goes to
// stderr as the last line, `max-rss-kb N`, for tests that bound what pmdb may take.
process.on('exit', () => process.stderr.write(`max-rss-kb ${process.resourceUsage().maxRSS}\n`));
