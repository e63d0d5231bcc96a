import { unstableSetRender } from 'antd';
import 'antd/dist/reset.css';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './app/i18n';
import { registerServiceWorker } from './app/offline/serviceWorker';
import './app/theme/global.css';

// antd 5 renders its static pieces (message, Modal.confirm, the click wave) with ReactDOM.render,
// which React 19 removed; this hands it React 19's root API instead.
const antdRoots = new WeakMap<Element | DocumentFragment, Root>();
unstableSetRender((node, container) => {
  const root = antdRoots.get(container) ?? createRoot(container);
  antdRoots.set(container, root);
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    antdRoots.delete(container);
  };
});

await initI18n();
registerServiceWorker();

// index.html's static "正在加载…" splash sits inside #root: React's first render replaces it.
// The app's own Chinese font is asked for after the first page has rendered (app/theme/appFont.ts).
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');

createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
