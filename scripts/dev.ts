// `npm run dev`: the server restarting on change (tsx watch) and Vite's hot-reloading web app on
// :5173, which proxies /api to the server. Ctrl-C stops both.
import { spawn } from 'node:child_process';

const children = [
  // The demo only on the embedded database, as with `npm start`.
  spawn(
    'npx',
    ['tsx', 'watch', '--clear-screen=false', 'src/cli.ts', 'serve', ...(process.env.DATABASE_URL ? [] : ['--demo'])],
    { stdio: 'inherit' },
  ),
  spawn('npx', ['vite', '--config', 'web/vite.config.ts'], { stdio: 'inherit' }),
];
const stop = () => {
  for (const child of children) child.kill('SIGINT');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    if (code && code !== 0) {
      stop();
      process.exitCode = code;
    }
  });
