#!/usr/bin/env node
import { pathToFileURL } from 'node:url';
import { DEFAULT_PROGRAM, PROGRAMS } from './programs.js';

/** `pnpm start -- <program>`: runs one of the course's programs. */
export function main(argv: readonly string[], print: (line: string) => void = console.log): number {
  const args = argv.filter((a) => a !== '--');
  if (args.includes('--help') || args.includes('-h')) {
    print('usage: pnpm start -- <program> [options]\n\nprograms:');
    for (const p of PROGRAMS) print(`  ${p.name.padEnd(12)} ${p.chapter}  ${p.summary}`);
    print(`\nwithout a program: ${DEFAULT_PROGRAM}`);
    return 0;
  }
  const name = args.find((a) => !a.startsWith('-')) ?? DEFAULT_PROGRAM;
  const program = PROGRAMS.find((p) => p.name === name);
  if (program === undefined) {
    print(`unknown program '${name}'; run with --help to list them`);
    return 2;
  }
  print(`== ${program.name} (${program.chapter}): ${program.summary}\n`);
  program.run(print);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
