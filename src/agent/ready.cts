// The last `--require` of a debugged CommonJS program: waits for the agent that the first one
// (preload.cts) started, after the module loaders in between have loaded.
import { agentReady } from './preload.cjs';

agentReady();
