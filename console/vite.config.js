// The console is built into the jar the gateway serves it from (META-INF/resources/console/, at /console/).
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/console/',
  publicDir: 'public',
  build: {
    outDir: 'target/classes/META-INF/resources/console',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
  },
});
