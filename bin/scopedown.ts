#!/usr/bin/env node
// The only module that touches process: everything below takes its I/O as arguments.
import { runCli } from '../src/cli/main.js';

const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: Boolean(process.stderr.isTTY),
  env: process.env,
  cwd: process.cwd(),
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
