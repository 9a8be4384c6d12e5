#!/usr/bin/env node
// The only module that touches process: everything below takes its I/O as arguments.
import { runCli } from '../src/cli/main.js';

// Ctrl-C exits at once, as by default, unless a command registered work to undo first; then it
// runs that, and a second Ctrl-C exits.
const interruptHandlers = new Set<() => void>();
process.on('SIGINT', () => {
  if (interruptHandlers.size === 0) process.exit(130);
  const handlers = [...interruptHandlers];
  interruptHandlers.clear();
  for (const h of handlers) h();
});

const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: Boolean(process.stderr.isTTY),
  env: process.env,
  cwd: process.cwd(),
  onInterrupt: (handler: () => void) => {
    interruptHandlers.add(handler);
    return () => {
      interruptHandlers.delete(handler);
    };
  },
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug, not bad input: say so, with the stack, and exit 2.
    process.stderr.write(
      `scopedown: internal error (please report): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
