// Times a workload's inner loop two ways: wall time, what a user waits for, and the process's
// CPU time (user + system, every thread: pmdb's agent thread too), which other processes on a
// shared machine hardly move (a single-threaded loop's wall time there can double from one run
// to the next while its CPU time stays within 3%).
'use strict';

/** Starts the clocks; the function returned reads both, in ms, for the BENCH line. */
exports.startTimer = () => {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  return () => {
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
  };
};
