import { fileURLToPath } from "node:url";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";

// The dashboard builds to web/dist, which the local server (and, in the cloud, CloudFront) serves.
// `npx vite web` proxies /api to a running `npm start` for live editing. Two entries: the staff dashboard
// (index.html) and the public transparency pages (cong-khai.html, their own small app under src/public/).
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [svelte()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 400,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL("index.html", import.meta.url)),
        "cong-khai": fileURLToPath(new URL("cong-khai.html", import.meta.url)),
      },
    },
  },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
