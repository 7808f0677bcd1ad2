import { defineConfig } from 'vitest/config';

// Running `vitest` at the root runs every package's own project.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tools/*'],
  },
});
