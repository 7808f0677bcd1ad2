import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    include: ['src/**/*.test.ts'],
    // the programs train for real (a few steps each): seconds, not milliseconds
    testTimeout: 60_000,
  },
});
