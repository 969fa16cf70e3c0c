// The page's entry (bundled as `main.js`): load the settings, then mount the widget.
import { mountChatWidget } from './chat-widget';
import { loadPageSettings } from './page-settings';

loadPageSettings().then(
  (settings) => mountChatWidget(document, settings),
  (error: unknown) => {
    const status = document.getElementById('connection-status');
    if (status) status.textContent = error instanceof Error ? error.message : String(error);
  },
);
