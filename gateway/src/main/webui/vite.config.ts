import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console is served by the gateway at /admin (Quinoa). In `npm run dev` (port 5173) the API
// calls go to the gateway through the dev server's proxy.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': 'http://localhost:8080',
      '/openapi': 'http://localhost:8080',
    },
  },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
  },
});
