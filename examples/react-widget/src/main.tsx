// The page's entry (bundled as `main.js`): load the settings, then render the widget.
import { createRoot } from 'react-dom/client';
import { ChatApp } from './chat-app';
import { loadPageSettings } from './page-settings';

const root = document.getElementById('root');
if (!root) throw new Error('the page has no #root element');

loadPageSettings().then(
  (settings) => createRoot(root).render(<ChatApp settings={settings} />),
  (error: unknown) => {
    root.textContent = error instanceof Error ? error.message : String(error);
  },
);
